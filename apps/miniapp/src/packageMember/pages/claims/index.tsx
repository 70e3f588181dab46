import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { PAGES, ClaimStatus, type ClaimDto } from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { Segmented } from '@/ui/Choice';
import { Gate } from '@/ui/Gate';
import { Page } from '@/ui/Page';
import { Empty, ErrorState, Loading } from '@/ui/States';
import { myClaims } from '@/features/claims/service';
import { useSession } from '@/platform/session';
import { useLoaded } from '@/ui/hooks/useLoaded';
import { a11y, keyActivate } from '@/platform/a11y';
import { openPage } from '@/platform/nav';
import { formatRange } from '@/platform/time';
import { ClaimPanel } from '@/packageMember/components/ClaimPanel';

type Tab = 'active' | 'done' | 'all';
const ACTIVE: ClaimStatus[] = [
  ClaimStatus.Claimed,
  ClaimStatus.Waitlisted,
  ClaimStatus.CheckedIn,
  ClaimStatus.CheckedOut,
];
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

/** The task has a point on the map, so check-in by location can work. */
export function hasTaskLocation(c: Pick<ClaimDto, 'taskLatitude' | 'taskLongitude'>): boolean {
  return typeof c.taskLatitude === 'number' && typeof c.taskLongitude === 'number';
}

/** 我的报名: each claim with its own actions (confirm, check in/out, withdraw) on this one screen. */
export default function MyClaimsPage() {
  const session = useSession();
  const loaded = useLoaded(() => myClaims({ limit: 50 }).then((page) => page.items), {
    active: !!session?.accessToken,
  });
  const { state, error, reload: load } = loaded;
  const claims = loaded.data ?? [];
  const [tab, setTab] = useState<Tab>('active');

  if (!session?.accessToken) return <Gate title="我的报名" loggedIn={false} need="" />;

  const shown = claims.filter((c) => inTab(c, tab));
  const replace = (c: ClaimDto) => loaded.setData(claims.map((x) => (x.id === c.id ? c : x)));

  return (
    <Page title="我的报名">
      <Segmented label="报名筛选" options={TABS} value={tab} onChange={setTab} />
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
        return (
          <View key={c.id} className="item">
            <View onClick={open} {...a11y(`${c.taskTitle}，点按查看任务`, { role: 'link' })} {...keyActivate(open)}>
              <Text className="item-title">{c.taskTitle}</Text>
              <Text className="item-line">{formatRange(c.taskStartAt, c.taskEndAt)}</Text>
              {c.taskPlace ? <Text className="item-line">{`地点：${c.taskPlace}`}</Text> : null}
            </View>
            <ClaimPanel claim={c} locationOk={hasTaskLocation(c)} onChange={replace} />
          </View>
        );
      })}
    </Page>
  );
}
