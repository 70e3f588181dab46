import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PAGES, ClaimStatus, TaskStatus, type ClaimDto } from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { Page } from '@/ui/Page';
import { Empty, NotLoadedPage } from '@/ui/States';
import { TaskSummary } from '@/features/tasks/TaskSummary';
import { taskClaims } from '@/features/claims/service';
import { communityAdminScope, useSession } from '@/platform/session';
import { invalidId, useLoaded } from '@/ui/hooks/useLoaded';
import { getTask } from '@/features/tasks/service';
import { a11y } from '@/platform/a11y';
import { openPage } from '@/platform/nav';
import { ClaimReview } from '@/features/admin/ClaimReview';
import { TaskActions } from '@/features/admin/TaskActions';
import { AdminGate } from '@/packageAdmin/components/AdminGate';
import { SectionTitle } from '@/ui/SectionTitle';

/** Claims staff still have to act on come first. */
const ORDER: ClaimStatus[] = [
  ClaimStatus.CheckedOut,
  ClaimStatus.CheckedIn,
  ClaimStatus.Claimed,
  ClaimStatus.Waitlisted,
  ClaimStatus.Verified,
  ClaimStatus.Rejected,
  ClaimStatus.NoShow,
  ClaimStatus.Withdrawn,
  ClaimStatus.Expired,
  ClaimStatus.Cancelled,
];

export function sortClaims(claims: ClaimDto[]): ClaimDto[] {
  return [...claims].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || a.id - b.id);
}

/** One task for its community admin: status actions, the check-in code screen, and 核验 of every claim. */
export default function AdminTaskPage() {
  const router = useRouter();
  const session = useSession();
  const scope = communityAdminScope(session);
  const id = Number(router.params?.id);
  // The claims are a bonus: without them the task still shows.
  const loaded = useLoaded(
    async () => {
      const [task, claims] = await Promise.all([
        getTask(id),
        taskClaims(id).then(
          (page) => page.items,
          () => [] as ClaimDto[],
        ),
      ]);
      return { task, claims };
    },
    { active: !!scope, invalid: invalidId(id, '没有找到这个任务') },
  );
  const { state, error, reload: load } = loaded;
  const task = loaded.data?.task ?? null;
  const claims = loaded.data?.claims ?? [];

  if (!scope) return <AdminGate title="任务与核验" loggedIn={!!session?.accessToken} />;
  if (state !== 'ready' || !task)
    return <NotLoadedPage title="任务与核验" state={state} error={error} onRetry={() => void load()} />;

  const codeOpen = task.status === TaskStatus.Published || task.status === TaskStatus.InProgress;
  const started = Date.parse(task.startAt) <= Date.now();
  const sorted = sortClaims(claims);
  const toVerify = claims.filter((c) => c.status === ClaimStatus.CheckedOut).length;

  return (
    <Page title="任务与核验">
      <View className="card">
        <TaskSummary task={task} />
        {task.needIds.length ? (
          <Text className="item-line">{`回应居民需求：${task.needIds.map((n) => `#${n}`).join('、')}`}</Text>
        ) : null}
        {task.cancelReason ? <Text className="item-line t-danger">{`取消原因：${task.cancelReason}`}</Text> : null}
      </View>

      {codeOpen ? (
        <Btn onClick={() => openPage(`${PAGES.checkinCode}?id=${task.id}`)} label="打开现场签到码">
          现场签到码
        </Btn>
      ) : null}
      <TaskActions task={task} onDone={load} />

      <View className="row-between mt-48">
        <SectionTitle className="m-0">{`报名与核验（${claims.length}）`}</SectionTitle>
        <Btn variant="plain" inline onClick={() => void load()}>
          刷新
        </Btn>
      </View>
      {toVerify ? (
        <View className="notice" {...a11y(undefined, { role: 'status' })}>
          <Text className="t-bold">{`${toVerify} 人已签退，待核验服务时长`}</Text>
        </View>
      ) : null}
      {claims.length === 0 ? <Empty text="还没有人报名" /> : null}
      {sorted.map((c) => (
        <ClaimReview
          key={c.id}
          claim={c}
          taskStarted={started}
          onChanged={(n) => loaded.setData({ task, claims: claims.map((x) => (x.id === n.id ? n : x)) })}
        />
      ))}
    </Page>
  );
}
