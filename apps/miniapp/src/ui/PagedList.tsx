import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import type { Paged } from '@/ui/hooks/usePaged';
import { Btn } from './Button';
import { Empty, ErrorState, Loading } from './States';

interface PagedListProps<T> {
  list: Paged<T>;
  empty: string;
  render: (item: T) => ReactNode;
  /** Shown instead of the generic error (e.g. "报到后才能…"). */
  errorView?: ReactNode;
}

/** Loading / error / empty states, the items, and "加载更多" for a usePaged list. */
export function PagedList<T>({ list, empty, render, errorView }: PagedListProps<T>) {
  return (
    <View>
      {list.state === 'loading' ? <Loading /> : null}
      {list.state === 'error'
        ? (errorView ?? <ErrorState message={list.error} onRetry={() => void list.reload()} />)
        : null}
      {list.state === 'ready' && list.items.length === 0 ? <Empty text={empty} /> : null}
      {list.items.map(render)}
      {list.state === 'ready' && list.hasMore ? (
        <Btn variant="plain" onClick={() => void list.loadMore()} loading={list.loadingMore} loadingText="加载中…">
          加载更多
        </Btn>
      ) : null}
      {list.state === 'ready' && list.items.length > 0 && !list.hasMore ? <Empty text="已经到底了" /> : null}
    </View>
  );
}
