import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import type { CheckinCodeDto, TaskDto } from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { Page } from '@/ui/Page';
import { ErrorState, Loading } from '@/ui/States';
import { isWeapp } from '@/platform/env';
import { attempt } from '@/platform/request';
import { communityAdminScope, useSession } from '@/platform/session';
import { checkinCode, getTask } from '@/features/tasks/service';
import { useNow } from '@/ui/hooks/useNow';
import { a11y } from '@/platform/a11y';
import { formatRange } from '@/platform/time';
import { AdminGate } from '@/packageAdmin/components/AdminGate';
import './index.css';

/** Seconds until the code shown rotates, counted from when it was fetched (the server's secondsLeft). */
export function secondsRemaining(fetchedAt: number, secondsLeft: number, now: number): number {
  return Math.max(0, secondsLeft - Math.floor((now - fetchedAt) / 1000));
}

/** "123456" → "123 456" (easier to read out and to type). */
export function spacedCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

const RETRY_MS = 5000;

/**
 * The on-site screen: the rotating check-in code in big digits with a countdown; it fetches the
 * next code by itself when the countdown ends (and retries when the network fails).
 */
export default function CheckinCodePage() {
  const router = useRouter();
  const session = useSession();
  const scope = communityAdminScope(session);
  const id = Number(router.params?.id);
  const [task, setTask] = useState<TaskDto | null>(null);
  const [code, setCode] = useState<CheckinCodeDto | null>(null);
  const [fetchedAt, setFetchedAt] = useState(0);
  const [error, setError] = useState('');
  const [visible, setVisible] = useState(true);
  const inFlight = useRef(false);
  const lastTry = useRef(0);
  const now = useNow(500, visible && !!scope);

  const fetchCode = async () => {
    if (inFlight.current || !Number.isInteger(id)) return;
    inFlight.current = true;
    lastTry.current = Date.now();
    const r = await attempt(checkinCode(id));
    inFlight.current = false;
    if (r.ok) {
      setCode(r.data);
      setFetchedAt(Date.now());
      setError('');
    } else {
      setError(r.error.message);
    }
  };

  useDidShow(() => {
    setVisible(true);
    if (!scope) return;
    void fetchCode();
    if (isWeapp()) Promise.resolve(Taro.setKeepScreenOn({ keepScreenOn: true })).catch(() => undefined);
  });
  useDidHide(() => setVisible(false));

  useEffect(() => {
    if (!scope || !Number.isInteger(id)) return;
    void attempt(getTask(id)).then((r) => r.ok && setTask(r.data));
  }, [id]);

  const remaining = code ? secondsRemaining(fetchedAt, code.secondsLeft, now) : 0;
  // Rotate when the countdown ends; after a failure, try again every few seconds.
  useEffect(() => {
    if (!visible || !scope) return;
    if (code && remaining > 0 && !error) return;
    if (Date.now() - lastTry.current < (error ? RETRY_MS : 1000)) return;
    void fetchCode();
  }, [now, visible]);

  if (!scope) return <AdminGate title="现场签到码" loggedIn={!!session?.accessToken} />;

  const period = code?.periodSeconds ?? 30;
  return (
    <Page title="现场签到码" className="code-page">
      {task ? (
        <View className="code-task">
          <Text className="t-l t-bold block">{task.title}</Text>
          <Text className="t-s t-muted">{`${formatRange(task.startAt, task.endAt)} · ${task.place}`}</Text>
        </View>
      ) : null}
      {!code && !error ? <Loading text="正在获取签到码…" /> : null}
      {error ? <ErrorState message={`${error}（自动重试中）`} onRetry={() => void fetchCode()} /> : null}
      {code ? (
        <View
          className="code-card"
          {...a11y(`签到码 ${code.code.split('').join(' ')}，${remaining}秒后更换`, { role: 'status', live: 'polite' })}
        >
          <Text className="code-label">签到 / 签退码</Text>
          <Text className="code-digits">{spacedCode(code.code)}</Text>
          <View className="code-bar">
            <View className="code-bar-fill" style={{ width: `${Math.round((remaining / period) * 100)}%` }} />
          </View>
          <Text className="code-countdown">{remaining > 0 ? `${remaining} 秒后更换` : '正在更换…'}</Text>
        </View>
      ) : null}
      <View className="notice mt-48">
        <Text>党员在「我的报名」或任务页输入这6位数字签到、签退。数字每30秒更换，刚换下的码短时间内仍有效。</Text>
      </View>
      <Btn variant="plain" onClick={() => void fetchCode()}>
        立即刷新
      </Btn>
    </Page>
  );
}
