import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { PAGES, RegistrationStatus, type RegistrationDto } from '@sbd/contracts';
import { maskPhone } from '@sbd/domain';
import { Btn } from '@/ui/Button';
import { Page } from '@/ui/Page';
import { Empty, ErrorState, Loading } from '@/ui/States';
import { StatusBadge } from '@/ui/StatusBadge';
import { listCommunityRegistrations } from '@/features/registration/service';
import { attempt } from '@/platform/request';
import { communityAdminScope, useSession } from '@/platform/session';
import { a11y, keyActivate } from '@/platform/a11y';
import { formatDateTime } from '@/platform/format';
import { openPage } from '@/platform/nav';
import { AdminGate } from '@/packageAdmin/components/AdminGate';
import { setReviewing } from '@/packageAdmin/reviewing';
import './index.css';

const PAGE_SIZE = 20;

function Item({ reg }: { reg: RegistrationDto }) {
  const open = () => {
    setReviewing(reg);
    openPage(`${PAGES.review}?id=${reg.id}`);
  };
  return (
    <View
      className="card appr-item"
      hoverClass="btn-pressed"
      onClick={open}
      {...a11y(undefined, { role: 'button' })}
      {...keyActivate(open)}
    >
      <View className="row-between">
        <Text className="t-l t-bold">{reg.name}</Text>
        <StatusBadge status={reg.status} />
      </View>
      <Text className="t-s t-muted appr-line">{`手机：${maskPhone(reg.phone)}`}</Text>
      <Text className="t-s t-muted appr-line">{`单位：${reg.workUnitName}`}</Text>
      <Text className="t-s t-muted appr-line">{`住址：${[reg.buildingName, reg.residenceDetail].filter(Boolean).join(' ')}`}</Text>
      <Text className="t-s t-muted appr-line">{`提交：${formatDateTime(reg.submittedAt)}`}</Text>
      <Text className="t-primary appr-go">审核 ›</Text>
    </View>
  );
}

/** Pending registrations of the admin's community, newest pages loaded with "加载更多" (keyset). */
export default function ApprovalsPage() {
  const session = useSession();
  const scope = communityAdminScope(session);
  const [items, setItems] = useState<RegistrationDto[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0);

  const reload = async () => {
    if (!scope) return;
    const gen = ++generation.current;
    const r = await attempt(
      listCommunityRegistrations(scope.communityId, { status: RegistrationStatus.Pending, limit: PAGE_SIZE }),
    );
    if (gen !== generation.current) return;
    if (!r.ok) {
      setError(r.error.message);
      setState(items.length ? 'ready' : 'error');
      return;
    }
    setItems(r.data.items);
    setCursor(r.data.nextCursor);
    setState('ready');
  };

  const loadMore = async () => {
    if (!scope || !cursor || loadingMore) return;
    setLoadingMore(true);
    const gen = generation.current;
    const r = await attempt(
      listCommunityRegistrations(scope.communityId, { status: RegistrationStatus.Pending, cursor, limit: PAGE_SIZE }),
    );
    setLoadingMore(false);
    if (gen !== generation.current || !r.ok) return;
    setItems((prev) => {
      const seen = new Set(prev.map((x) => x.id));
      return [...prev, ...r.data.items.filter((x) => !seen.has(x.id))];
    });
    setCursor(r.data.nextCursor);
  };

  // Back from the review page: the reviewed item must disappear.
  useDidShow(() => void reload());
  usePullDownRefresh(() => {
    void reload().finally(() => {
      Promise.resolve(Taro.stopPullDownRefresh()).catch(() => undefined);
    });
  });

  if (!scope) return <AdminGate title="报到审核" loggedIn={!!session?.accessToken} />;

  return (
    <Page title="报到审核">
      <Text className="t-s t-muted block mb-32">{`${scope.communityName} · 待审核的报到申请`}</Text>
      {state === 'loading' ? <Loading /> : null}
      {state === 'error' ? <ErrorState message={error} onRetry={() => void reload()} /> : null}
      {state === 'ready' && items.length === 0 ? <Empty text="暂无待审核的报到申请" /> : null}
      {items.map((reg) => (
        <Item key={reg.id} reg={reg} />
      ))}
      {state === 'ready' && cursor ? (
        <Btn variant="plain" onClick={() => void loadMore()} loading={loadingMore} loadingText="加载中…">
          加载更多
        </Btn>
      ) : null}
      {state === 'ready' && items.length > 0 && !cursor ? <Empty text="已经到底了" /> : null}
    </Page>
  );
}
