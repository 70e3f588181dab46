import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { ClaimStatus, PAGES, SubscribeMoment, TASK_TARGET_LABELS, type ClaimDto } from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { Gate } from '@/ui/Gate';
import { Page } from '@/ui/Page';
import { NotLoadedPage } from '@/ui/States';
import { claimTask } from '@/features/claims/service';
import { branchScope, useSession } from '@/platform/session';
import { getTask } from '@/features/tasks/service';
import { invalidId, useLoaded } from '@/ui/hooks/useLoaded';
import { useNow } from '@/ui/hooks/useNow';
import { a11y } from '@/platform/a11y';
import { memberTaskView } from '@/features/loop/loop';
import { useHeldSignups } from '@/features/claims/useHeldSignups';
import { openPage } from '@/platform/nav';
import { formatDayTime } from '@/platform/time';
import { ClaimPanel } from '@/packageMember/components/ClaimPanel';
import { PlaceOnMap } from '@/features/tasks/PlaceOnMap';
import { TaskSummary } from '@/features/tasks/TaskSummary';
import { useTaskShare } from '@/features/tasks/useTaskShare';
import { useAction } from '@/ui/hooks/useAction';
import { RemindMe } from '@/features/subscriptions/RemindMe';
import { askToSubscribe } from '@/features/subscriptions/subscribe';
import { useSubscribeMoment } from '@/features/subscriptions/useSubscribeMoment';

function Row({ k, v }: { k: string; v: string | null | undefined }) {
  if (!v) return null;
  return (
    <View className="kv">
      <Text className="kv-key">{k}</Text>
      <Text className="kv-value">{v}</Text>
    </View>
  );
}

/** One task for a member: details, then 报名 / 候补 / my claim with check-in and check-out. */
export default function TaskPage() {
  const router = useRouter();
  const session = useSession();
  const id = Number(router.params?.id);
  const loaded = useLoaded(() => getTask(id), {
    active: !!session?.accessToken,
    invalid: invalidId(id, '没有找到这个任务'),
  });
  const { data: task, state, error, reload: load } = loaded;
  const action = useAction();
  const busy = !!action.busy;
  const now = useNow(15_000);
  const held = useHeldSignups(!!session?.accessToken);
  const secretary = branchScope(session);
  useSubscribeMoment(SubscribeMoment.AfterClaim, !!session?.accessToken);
  useTaskShare(id, task);

  if (!session?.accessToken) return <Gate title="任务详情" loggedIn={false} need="" />;
  if (state !== 'ready' || !task) {
    return (
      <NotLoadedPage title="任务详情" state={state} error={error} onRetry={() => void load()}>
        <Btn variant="plain" onClick={() => openPage(PAGES.tasks)}>
          回到任务大厅
        </Btn>
      </NotLoadedPage>
    );
  }

  const view = memberTaskView(task, now, held ?? []);
  // Sign-ups not yet known: no 我要报名 that a time clash would refuse.
  const checking = held === null && (view.kind === 'claim' || view.kind === 'waitlist');

  const claim = async (joinWaitlist: boolean) => {
    // WeChat's subscribe dialog, from the tap itself (before anything is awaited).
    void askToSubscribe(SubscribeMoment.AfterClaim);
    const r = await action.run(() => claimTask(task.id, joinWaitlist ? true : undefined), {
      success: (c) => (c.status === 'waitlisted' ? `已加入候补，第${c.waitlistPosition ?? ''}位` : '报名成功'),
    });
    if (r && !r.ok) void load();
    else if (r) await load();
  };

  const onClaimChange = (c: ClaimDto) => {
    loaded.setData({ ...task, myClaim: c });
    void load();
  };

  return (
    <Page title="任务详情">
      <View className="card">
        <TaskSummary task={task} />
        <View className="mt-24">
          <Row k="面向" v={TASK_TARGET_LABELS[task.target]} />
          <Row k="所需技能" v={task.skills.join('、')} />
          <Row
            k="积分"
            v={`每小时${task.pointsRule.perHour}分，至少${task.pointsRule.minimum}分，最多${task.pointsRule.max}分`}
          />
          <Row
            k="退出报名"
            v={`开始前${task.withdrawCutoffMinutes >= 60 ? `${task.withdrawCutoffMinutes / 60}小时` : `${task.withdrawCutoffMinutes}分钟`}可退出`}
          />
          <Row k="取消原因" v={task.cancelReason} />
        </View>
        <Text className="block mt-24">{task.description}</Text>
        <PlaceOnMap task={task} />
      </View>

      <View className="card" {...a11y(undefined, { live: 'polite' })}>
        {view.kind === 'mine' ? (
          <ClaimPanel
            claim={view.claim}
            locationOk={task.latitude !== null && task.longitude !== null}
            onChange={onClaimChange}
          />
        ) : null}
        {view.kind === 'mine' && [ClaimStatus.Claimed, ClaimStatus.Waitlisted].includes(view.claim.status) ? (
          <RemindMe />
        ) : null}
        {checking ? <Text className="block">正在确认报名资格…</Text> : null}
        {view.kind === 'claim' && !checking ? (
          <View>
            <Text className="block mb-32">{`报名截止：${formatDayTime(task.startAt)}（任务开始时）`}</Text>
            <Btn onClick={() => void claim(false)} loading={busy} loadingText="正在报名…">
              {view.rejoin ? '重新报名' : '我要报名'}
            </Btn>
          </View>
        ) : null}
        {view.kind === 'waitlist' && !checking ? (
          <View>
            <Text className="block mb-32">
              {`名额已满。加入候补后，有人退出时按顺序转正（当前候补 ${view.waitlistCount} 人），转正后需在规定时间内确认。`}
            </Text>
            <Btn variant="secondary" onClick={() => void claim(true)} loading={busy} loadingText="正在加入…">
              加入候补
            </Btn>
          </View>
        ) : null}
        {view.kind === 'blocked' ? (
          <Text className="t-bold" {...a11y(undefined, { role: 'status' })}>
            {view.reason}
          </Text>
        ) : null}
      </View>

      {secretary ? (
        <Btn variant="secondary" onClick={() => openPage(`${PAGES.branchClaim}?taskId=${task.id}`)}>
          为支部报名并指派党员
        </Btn>
      ) : null}
      <Btn variant="plain" onClick={() => openPage(PAGES.claims)}>
        我的报名
      </Btn>
    </Page>
  );
}
