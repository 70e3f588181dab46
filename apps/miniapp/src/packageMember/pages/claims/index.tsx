import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { ClaimStatus, type ClaimDto, type TaskDto } from '@sbd/contracts';
import { Btn } from '../../../components/Button';
import { Segmented } from '../../../components/Choice';
import { Gate } from '../../../components/Gate';
import { Page } from '../../../components/Page';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { PAGES } from '../../../config';
import { myClaims } from '../../../services/claims';
import { attempt } from '../../../services/request';
import { useSession } from '../../../services/session';
import { getTask } from '../../../services/tasks';
import { a11y, keyActivate } from '../../../utils/a11y';
import { openPage } from '../../../utils/nav';
import { formatRange } from '../../../utils/time';
import { stopPullDown } from '../../../utils/ui';
import { ClaimPanel } from '../../components/ClaimPanel';

type Tab = 'active' | 'done' | 'all';
const ACTIVE: ClaimStatus[] = [ClaimStatus.Claimed, ClaimStatus.Waitlisted, ClaimStatus.CheckedIn, ClaimStatus.CheckedOut];
const TABS: { value: Tab; label: string }[] = [
  { value: 'active', label: '进行中' },
  { value: 'done', label: '已核验' },
  { value: 'all', label: '全部' },
];

export function inTab(c: ClaimDto, tab: Tab): boolean {
  if (tab === 'active') return ACTIVE.includes(c.status);
  if (tab === 'done') return c.status === ClaimStatus.Verified;
  return true;
}

/** 我的报名: each claim with its own actions (confirm, check in/out, withdraw) on this one screen. */
export default function MyClaimsPage() {
  const session = useSession();
  const [claims, setClaims] = useState<ClaimDto[]>([]);
  const [tasks, setTasks] = useState<Record<number, TaskDto>>({});
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState('');
  const [tab, setTab] = useState<Tab>('active');

  const load = async () => {
    const r = await attempt(myClaims({ limit: 50 }));
    if (!r.ok) {
      setError(r.error.message);
      setState((s) => (s === 'ready' ? s : 'error'));
      return;
    }
    setClaims(r.data.items);
    setState('ready');
    // Where the claims are still to be served, learn whether the task has a place for location check-in.
    const want = [...new Set(r.data.items.filter((c) => c.status === ClaimStatus.Claimed || c.status === ClaimStatus.CheckedIn).map((c) => c.taskId))];
    const got = await Promise.all(want.map((id) => attempt(getTask(id))));
    const next: Record<number, TaskDto> = {};
    for (const t of got) if (t.ok) next[t.data.id] = t.data;
    setTasks(next);
  };

  useDidShow(() => {
    if (session?.accessToken) void load();
  });
  usePullDownRefresh(() => void load().finally(stopPullDown));

  if (!session?.accessToken) return <Gate title='我的报名' loggedIn={false} need='' />;

  const shown = claims.filter((c) => inTab(c, tab));
  const replace = (c: ClaimDto) => setClaims((list) => list.map((x) => (x.id === c.id ? c : x)));

  return (
    <Page title='我的报名'>
      <Segmented label='报名筛选' options={TABS} value={tab} onChange={setTab} />
      {state === 'loading' ? <Loading /> : null}
      {state === 'error' ? <ErrorState message={error} onRetry={() => void load()} /> : null}
      {state === 'ready' && shown.length === 0 ? (
        <View>
          <Empty text={tab === 'active' ? '没有进行中的报名' : '暂无记录'} />
          <Btn onClick={() => openPage(PAGES.tasks)}>去任务大厅</Btn>
        </View>
      ) : null}
      {shown.map((c) => {
        const open = () => openPage(`${PAGES.task}?id=${c.taskId}`);
        const task = tasks[c.taskId];
        return (
          <View key={c.id} className='item'>
            <View onClick={open} {...a11y(`${c.taskTitle}，点按查看任务`, { role: 'link' })} {...keyActivate(open)}>
              <Text className='item-title'>{c.taskTitle}</Text>
              <Text className='item-line'>{formatRange(c.taskStartAt, c.taskEndAt)}</Text>
              {task ? <Text className='item-line'>{`地点：${task.place}`}</Text> : null}
            </View>
            <ClaimPanel claim={c} locationOk={!!task && task.latitude !== null && task.longitude !== null} onChange={replace} />
          </View>
        );
      })}
    </Page>
  );
}
