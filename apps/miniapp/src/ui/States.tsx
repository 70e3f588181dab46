import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { LoadState } from '@/ui/hooks/usePaged';
import { a11y } from '@/platform/a11y';
import { Btn } from './Button';
import { Page } from './Page';

export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className="empty" {...a11y(undefined, { role: 'status', live: 'polite' })}>
      <Text>{text}</Text>
    </View>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className="notice notice-error" {...a11y(undefined, { role: 'alert' })}>
      <Text className="block">{message}</Text>
      {onRetry ? (
        <View className="mt-24">
          <Btn variant="plain" onClick={onRetry}>
            重试
          </Btn>
        </View>
      ) : null}
    </View>
  );
}

export function Empty({ text }: { text: string }) {
  return (
    <View className="empty">
      <Text>{text}</Text>
    </View>
  );
}

/**
 * The whole page of one thing (a task, a need) while it loads or after it failed to load, with a
 * retry and, below it, `children` (a way back).
 */
export function NotLoadedPage({
  title,
  state,
  error,
  onRetry,
  children,
}: {
  title: string;
  state: LoadState;
  error: string;
  onRetry: () => void;
  children?: ReactNode;
}) {
  return (
    <Page title={title}>
      {state === 'loading' ? (
        <Loading />
      ) : (
        <>
          <ErrorState message={error} onRetry={onRetry} />
          {children}
        </>
      )}
    </Page>
  );
}
