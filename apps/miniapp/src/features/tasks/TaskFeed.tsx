import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import {
  PAGES,
  CLAIM_STATUS_LABELS,
  TASK_KIND_LABELS,
  TaskKind,
  type RegistrationDto,
  type TaskDto,
} from '@sbd/contracts';
import { Badge } from '@/ui/Badge';
import { Btn } from '@/ui/Button';
import { RadioChips } from '@/ui/Choice';
import { Field } from '@/ui/Field';
import { Page } from '@/ui/Page';
import { PagedList } from '@/ui/PagedList';
import { ErrorState } from '@/ui/States';
import { fetchMyRegistration } from '@/features/registration/service';
import { attempt } from '@/platform/request';
import { branchScope, useSession } from '@/platform/session';
import { taskFeed, type FeedFilters } from '@/features/tasks/service';
import { usePaged } from '@/ui/hooks/usePaged';
import { a11y, keyActivate } from '@/platform/a11y';
import { CLAIM_TONE, ENDED_CLAIM_STATUSES, memberTaskView } from '@/features/loop/loop';
import { useHeldSignups } from '@/features/claims/useHeldSignups';
import type { HeldSignup } from '@sbd/domain';
import { openPage } from '@/platform/nav';
import { stopPullDown } from '@/platform/feedback';
import { TaskSummary } from '@/features/tasks/TaskSummary';

const ALL = '';
type KindFilter = TaskKind | typeof ALL;
const KIND_OPTIONS: { value: KindFilter; label: string }[] = [
  { value: ALL, label: '全部' },
  ...(Object.keys(TASK_KIND_LABELS) as TaskKind[]).map((k) => ({ value: k, label: TASK_KIND_LABELS[k] })),
];

interface ItemProps {
  task: TaskDto;
  homeCommunityId: number | null;
  held: readonly HeldSignup[];
}

function TaskItem({ task, homeCommunityId, held }: ItemProps) {
  const open = () => openPage(`${PAGES.task}?id=${task.id}`);
  const mine = task.myClaim && !ENDED_CLAIM_STATUSES.includes(task.myClaim.status) ? task.myClaim : null;
  // The shared claim rule, before the tap: a closed sign-up, a clash with my other sign-ups, no slot.
  const view = mine ? null : memberTaskView(task, Date.now(), held);
  const blocked = view?.kind === 'blocked' ? view.reason : null;
  return (
    <View
      className="item task-item"
      hoverClass="btn-pressed"
      onClick={open}
      {...a11y(blocked ? `${task.title}，${blocked}` : `${task.title}，点按查看详情并报名`, { role: 'button' })}
      {...keyActivate(open)}
    >
      <TaskSummary task={task} showStatus={false} />
      {homeCommunityId !== null && task.communityId !== homeCommunityId ? (
        <Text className="item-line">街道内其他社区的任务</Text>
      ) : null}
      <View className="row-between mt-24">
        {mine ? <Badge text={`我：${CLAIM_STATUS_LABELS[mine.status]}`} tone={CLAIM_TONE[mine.status]} /> : null}
        {blocked ? <Badge text={`不能报名：${blocked}`} tone="neutral" /> : null}
        {!mine && !blocked ? <Text /> : null}
        <Text className="item-go mt-0">{mine || blocked ? '查看 ›' : '去报名 ›'}</Text>
      </View>
    </View>
  );
}

/**
 * 任务大厅 (the 任务 tab of members and branch secretaries): open tasks of my community first, then
 * of my street; filter by kind and by my positions.
 */
export function TaskFeed() {
  const session = useSession();
  const [reg, setReg] = useState<RegistrationDto | null>(null);
  const held = useHeldSignups(!!session?.accessToken);
  const [kind, setKind] = useState<KindFilter>(ALL);
  const [positionId, setPositionId] = useState<number>(0);
  const filters: FeedFilters = { ...(kind ? { kind } : {}), ...(positionId ? { positionId } : {}) };
  const list = usePaged(
    (cursor) => taskFeed(filters, cursor),
    (t) => t.id,
  );
  const secretary = branchScope(session);

  useEffect(() => {
    if (!session?.accessToken) return;
    void attempt(fetchMyRegistration()).then((r) => {
      if (r.ok) setReg(r.data);
    });
  }, [session?.accessToken]);

  // Filters reload at once; coming back to the page (after claiming) reloads too.
  const mounted = useRef(false);
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    if (session?.accessToken) void list.reload();
  }, [kind, positionId]);
  useDidShow(() => {
    if (session?.accessToken) void list.reload();
  });
  usePullDownRefresh(() => void list.reload().finally(stopPullDown));

  const positions = reg?.positions ?? [];
  const notRegistered = list.errorStatus === 403;

  return (
    <Page title="任务大厅">
      <Text className="t-s t-muted block mb-24">本社区的任务在前，街道内其他社区的在后。</Text>
      {secretary ? (
        <View className="notice">
          <Text>{`您是${secretary.branchName}书记：打开任务后可“为支部报名并指派党员”。`}</Text>
        </View>
      ) : null}
      <View className="card">
        <Field label="任务类型">
          <RadioChips label="任务类型" options={KIND_OPTIONS} value={kind} onChange={setKind} />
        </Field>
        {positions.length ? (
          <Field label="我的岗位">
            <RadioChips
              label="我的岗位"
              options={[{ value: 0, label: '全部' }, ...positions.map((p) => ({ value: p.id, label: p.name }))]}
              value={positionId}
              onChange={setPositionId}
            />
          </Field>
        ) : null}
      </View>
      <PagedList
        list={list}
        empty="暂时没有可报名的任务"
        render={(t) => <TaskItem key={t.id} task={t} homeCommunityId={reg?.communityId ?? null} held={held ?? []} />}
        errorView={
          notRegistered ? (
            <View className="card">
              <Text className="block mb-32">{list.error}</Text>
              <Btn onClick={() => openPage(PAGES.status)}>查看我的报到</Btn>
            </View>
          ) : (
            <ErrorState message={list.error} onRetry={() => void list.reload()} />
          )
        }
      />
    </Page>
  );
}
