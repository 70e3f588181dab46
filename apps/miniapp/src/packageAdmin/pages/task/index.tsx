import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  PAGES,
  CLAIM_STATUS_LABELS,
  ClaimAction,
  ClaimStatus,
  RATING_COMMENT_MAX,
  TaskAction,
  TaskStatus,
  type ClaimDto,
} from '@sbd/contracts';
import { Badge } from '@/ui/Badge';
import { Btn } from '@/ui/Button';
import { TextAreaField, TextField } from '@/ui/Field';
import { Page } from '@/ui/Page';
import { SCORE_WORDS, Stars } from '@/ui/Stars';
import { Empty, NotLoadedPage } from '@/ui/States';
import { TaskSummary } from '@/features/tasks/TaskSummary';
import { markNoShow, rateService, rejectClaim, taskClaims, verifyClaim } from '@/features/claims/service';
import { attempt } from '@/platform/request';
import { communityAdminScope, useSession } from '@/platform/session';
import { invalidId, useLoaded } from '@/ui/hooks/useLoaded';
import { cancelTask, getTask, transitionTask, type TaskTransition } from '@/features/tasks/service';
import { a11y } from '@/platform/a11y';
import { formatDateTime } from '@/platform/format';
import { CLAIM_TONE, claimCan } from '@/features/loop/loop';
import { openPage } from '@/platform/nav';
import { formatHours } from '@/platform/time';
import { confirmModal, toast } from '@/platform/feedback';
import { AdminGate } from '@/packageAdmin/components/AdminGate';

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

/** 核验: the hours of one checked-out claim, with the community's 1–5 rating of the service. */
function ClaimReview({ claim, taskStarted, onChanged }: { claim: ClaimDto; taskStarted: boolean; onChanged: (c: ClaimDto) => void }) {
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const [busy, setBusy] = useState<'' | 'verify' | 'reject' | 'noshow' | 'rate'>('');

  const canVerify = claimCan(claim, ClaimAction.Verify);
  const canReject = claimCan(claim, ClaimAction.Reject);
  const canNoShow = claimCan(claim, ClaimAction.MarkNoShow) && taskStarted;
  const canRateLater = claim.status === ClaimStatus.Verified && !claim.serviceRating;

  const verify = async () => {
    setBusy('verify');
    const r = await attempt(verifyClaim(claim.id, { ...(score ? { score } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) }));
    setBusy('');
    if (r.ok) {
      toast('已核验', 'success');
      onChanged(r.data);
    }
  };
  const rateLater = async () => {
    if (!score) {
      toast('请先点选分数');
      return;
    }
    setBusy('rate');
    const r = await attempt(rateService(claim.id, score, comment.trim() || undefined));
    setBusy('');
    if (r.ok) {
      toast('已评价', 'success');
      onChanged(r.data);
    }
  };
  const reject = async () => {
    if (!reason.trim()) {
      setReasonError('请填写不通过的原因，党员会看到');
      return;
    }
    setBusy('reject');
    const r = await attempt(rejectClaim(claim.id, reason.trim()));
    setBusy('');
    if (r.ok) {
      toast('已标记不通过');
      onChanged(r.data);
    }
  };
  const noShow = async () => {
    if (!(await confirmModal('记缺席', `确定记“${claim.memberName}”缺席吗？将扣除积分。`, '记缺席', true))) return;
    setBusy('noshow');
    const r = await attempt(markNoShow(claim.id));
    setBusy('');
    if (r.ok) {
      toast('已记缺席');
      onChanged(r.data);
    }
  };

  return (
    <View className='item claim-review'>
      <View className='row-top'>
        <Text className='item-title'>{claim.memberName}</Text>
        <Badge
          text={claim.status === ClaimStatus.Waitlisted && claim.waitlistPosition ? `候补第${claim.waitlistPosition}位` : CLAIM_STATUS_LABELS[claim.status]}
          tone={CLAIM_TONE[claim.status]}
        />
      </View>
      {claim.branchName ? <Text className='item-line'>{`支部：${claim.branchName}`}</Text> : null}
      <Text className='item-line'>{`签到：${claim.checkInAt ? formatDateTime(claim.checkInAt) : '未签到'}`}</Text>
      {claim.checkInAt ? <Text className='item-line'>{`签退：${claim.checkOutAt ? formatDateTime(claim.checkOutAt) : '未签退'}`}</Text> : null}
      {claim.creditedHours !== null ? <Text className='item-line t-bold t-text'>{`计入时长：${formatHours(claim.creditedHours)}（窗口内、按半小时向下取整）`}</Text> : null}
      {claim.status === ClaimStatus.Verified ? (
        <Text className='item-line'>{`已核验 · 积分 ${claim.pointsAwarded ?? 0}${claim.serviceRating ? ` · 评价 ${claim.serviceRating.score}分（${SCORE_WORDS[claim.serviceRating.score] ?? ''}）` : ''}`}</Text>
      ) : null}
      {claim.rejectReason ? <Text className='item-line t-danger'>{`原因：${claim.rejectReason}`}</Text> : null}

      {canVerify || canRateLater ? (
        <View className='mt-32'>
          <Stars label={`为${claim.memberName}的服务评分`} value={score} onChange={setScore} />
          <View className='mt-32'>
            <TextField label='评语（选填）' value={comment} onChange={setComment} maxLength={RATING_COMMENT_MAX} placeholder='服务表现' />
          </View>
        </View>
      ) : null}

      {rejecting ? (
        <View className='inline-form'>
          <TextAreaField
            label='不通过的原因'
            value={reason}
            onChange={(v) => {
              setReason(v);
              setReasonError('');
            }}
            maxLength={200}
            required
            error={reasonError}
            placeholder='如：签到后未实际参加服务'
          />
          <View className='btn-row'>
            <Btn variant='plain' onClick={() => setRejecting(false)}>
              取消
            </Btn>
            <Btn variant='danger' onClick={() => void reject()} loading={busy === 'reject'} loadingText='提交中…'>
              确认不通过
            </Btn>
          </View>
        </View>
      ) : (
        <View className='btn-row-wrap'>
          {canVerify ? (
            <Btn onClick={() => void verify()} loading={busy === 'verify'} loadingText='核验中…' label={`核验通过：${claim.memberName}`}>
              核验通过
            </Btn>
          ) : null}
          {canRateLater ? (
            <Btn variant='secondary' onClick={() => void rateLater()} loading={busy === 'rate'} loadingText='提交中…'>
              补充评价
            </Btn>
          ) : null}
          {canReject ? (
            <Btn variant='danger' onClick={() => setRejecting(true)} label={`不通过：${claim.memberName}`}>
              不通过
            </Btn>
          ) : null}
          {canNoShow ? (
            <Btn variant='plain' onClick={() => void noShow()} loading={busy === 'noshow'} loadingText='提交中…'>
              记缺席
            </Btn>
          ) : null}
        </View>
      )}
    </View>
  );
}

const TRANSITIONS: { action: TaskAction; transition: TaskTransition; label: string; confirm?: string }[] = [
  { action: TaskAction.Publish, transition: 'publish', label: '发布' },
  { action: TaskAction.Start, transition: 'start', label: '开始任务' },
  {
    action: TaskAction.Complete,
    transition: 'complete',
    label: '完成任务',
    confirm: '完成后：未签到的党员记缺席，候补失效，关联的居民需求办结并邀请居民评价。确定完成吗？',
  },
  { action: TaskAction.Close, transition: 'close', label: '结项', confirm: '结项后任务归档。确定结项吗？' },
];

/** One task for its community admin: status actions, the check-in code screen, and 核验 of every claim. */
export default function AdminTaskPage() {
  const router = useRouter();
  const session = useSession();
  const scope = communityAdminScope(session);
  const id = Number(router.params?.id);
  // The claims are a bonus: without them the task still shows.
  const loaded = useLoaded(
    async () => {
      const [task, claims] = await Promise.all([getTask(id), taskClaims(id).then((page) => page.items, () => [] as ClaimDto[])]);
      return { task, claims };
    },
    { active: !!scope, invalid: invalidId(id, '没有找到这个任务') },
  );
  const { state, error, reload: load } = loaded;
  const task = loaded.data?.task ?? null;
  const claims = loaded.data?.claims ?? [];
  const [busy, setBusy] = useState<TaskAction | ''>('');
  const [cancelling, setCancelling] = useState(false);
  const [cancelReason, setCancelReason] = useState('');
  const [cancelError, setCancelError] = useState('');

  if (!scope) return <AdminGate title='任务与核验' loggedIn={!!session?.accessToken} />;
  if (state !== 'ready' || !task) return <NotLoadedPage title='任务与核验' state={state} error={error} onRetry={() => void load()} />;

  const run = async (t: (typeof TRANSITIONS)[number]) => {
    if (t.confirm && !(await confirmModal(t.label, t.confirm, t.label))) return;
    setBusy(t.action);
    const r = await attempt(transitionTask(task.id, t.transition));
    setBusy('');
    if (r.ok) {
      toast(`已${t.label.replace('任务', '')}`, 'success');
      await load();
    }
  };
  const cancel = async () => {
    if (!cancelReason.trim()) {
      setCancelError('请填写取消原因，报名的党员会收到通知');
      return;
    }
    setBusy(TaskAction.Cancel);
    const r = await attempt(cancelTask(task.id, { reason: cancelReason.trim() }));
    setBusy('');
    if (r.ok) {
      setCancelling(false);
      toast('任务已取消');
      await load();
    }
  };

  const codeOpen = task.status === TaskStatus.Published || task.status === TaskStatus.InProgress;
  const started = Date.parse(task.startAt) <= Date.now();
  const sorted = sortClaims(claims);
  const toVerify = claims.filter((c) => c.status === ClaimStatus.CheckedOut).length;

  return (
    <Page title='任务与核验'>
      <View className='card'>
        <TaskSummary task={task} />
        {task.needIds.length ? <Text className='item-line'>{`回应居民需求：${task.needIds.map((n) => `#${n}`).join('、')}`}</Text> : null}
        {task.cancelReason ? <Text className='item-line t-danger'>{`取消原因：${task.cancelReason}`}</Text> : null}
      </View>

      {codeOpen ? (
        <Btn onClick={() => openPage(`${PAGES.checkinCode}?id=${task.id}`)} label='打开现场签到码'>
          现场签到码
        </Btn>
      ) : null}
      <View className='btn-row-wrap'>
        {TRANSITIONS.filter((t) => task.allowedActions.includes(t.action)).map((t) => (
          <Btn key={t.action} variant='secondary' onClick={() => void run(t)} loading={busy === t.action} loadingText='处理中…'>
            {t.label}
          </Btn>
        ))}
        {task.allowedActions.includes(TaskAction.Cancel) && !cancelling ? (
          <Btn variant='danger' onClick={() => setCancelling(true)}>
            取消任务
          </Btn>
        ) : null}
      </View>
      {cancelling ? (
        <View className='card mt-32'>
          <TextAreaField
            label='取消原因'
            value={cancelReason}
            onChange={(v) => {
              setCancelReason(v);
              setCancelError('');
            }}
            maxLength={200}
            required
            error={cancelError}
            placeholder='如：天气原因，活动延期'
          />
          <View className='btn-row'>
            <Btn variant='plain' onClick={() => setCancelling(false)}>
              返回
            </Btn>
            <Btn variant='danger' onClick={() => void cancel()} loading={busy === TaskAction.Cancel} loadingText='提交中…'>
              确认取消
            </Btn>
          </View>
        </View>
      ) : null}

      <View className='row-between mt-48'>
        <Text className='section-title m-0'>{`报名与核验（${claims.length}）`}</Text>
        <Btn variant='plain' inline onClick={() => void load()}>
          刷新
        </Btn>
      </View>
      {toVerify ? (
        <View className='notice' {...a11y(undefined, { role: 'status' })}>
          <Text className='t-bold'>{`${toVerify} 人已签退，待核验服务时长`}</Text>
        </View>
      ) : null}
      {claims.length === 0 ? <Empty text='还没有人报名' /> : null}
      {sorted.map((c) => (
        <ClaimReview key={c.id} claim={c} taskStarted={started} onChanged={(n) => loaded.setData({ task, claims: claims.map((x) => (x.id === n.id ? n : x)) })} />
      ))}
    </Page>
  );
}
