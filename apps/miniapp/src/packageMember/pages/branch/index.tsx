import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PAGES, CLAIM_STATUS_LABELS, type BranchMemberDto, type ClaimDto, type TaskDto } from '@sbd/contracts';
import { Badge } from '@/ui/Badge';
import { Btn } from '@/ui/Button';
import { Gate } from '@/ui/Gate';
import { Page } from '@/ui/Page';
import { ErrorState, Loading } from '@/ui/States';
import { Checkbox } from '@/ui/Toggle';
import { claimForBranch } from '@/features/claims/service';
import { fetchBranchMembers } from '@/features/registration/service';
import { attempt } from '@/platform/request';
import { branchScope, useSession } from '@/platform/session';
import { getTask } from '@/features/tasks/service';
import { CLAIM_TONE } from '@/features/loop/loop';
import { openPage } from '@/platform/nav';
import { toast } from '@/platform/feedback';
import { TaskSummary } from '@/features/tasks/TaskSummary';
import { useAction } from '@/ui/hooks/useAction';

interface Candidate {
  userId: number;
  name: string;
  detail: string;
}

/** A branch member as a checkbox row: "（本人）" marks the secretary; masked phone and positions below. */
export function toCandidate(m: BranchMemberDto, myUserId: number | undefined): Candidate {
  return {
    userId: m.userId,
    name: m.userId === myUserId ? `${m.name}（本人）` : m.name,
    detail: [m.phone, m.positions.length ? `岗位：${m.positions.join('、')}` : ''].filter(Boolean).join(' · '),
  };
}

/** 支部书记 claims a task for the branch and assigns members, picked from the branch's member list. */
export default function BranchClaimPage() {
  const router = useRouter();
  const session = useSession();
  const branch = branchScope(session);
  const myUserId = session?.user?.id;
  const taskId = Number(router.params?.taskId);
  const [task, setTask] = useState<TaskDto | null>(null);
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [picked, setPicked] = useState<number[]>([]);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState('');
  const action = useAction();
  const [results, setResults] = useState<ClaimDto[]>([]);
  const [seq, setSeq] = useState(0);

  useEffect(() => {
    if (!branch || !Number.isInteger(taskId)) return;
    let live = true;
    const load = async () => {
      setState('loading');
      const [t, members] = await Promise.all([attempt(getTask(taskId)), attempt(fetchBranchMembers(branch.branchId))]);
      if (!live) return;
      if (!t.ok || !members.ok) {
        setError(!t.ok ? t.error.message : members.ok ? '' : members.error.message);
        setState('error');
        return;
      }
      setTask(t.data);
      setCandidates(members.data.map((m) => toCandidate(m, myUserId)));
      setState('ready');
    };
    void load();
    return () => {
      live = false;
    };
  }, [taskId, branch?.branchId, seq]);

  if (!branch)
    return <Gate title="支部报名" loggedIn={!!session?.accessToken} need="此功能仅供功能型党支部书记使用。" />;
  if (state === 'loading') {
    return (
      <Page title="支部报名">
        <Loading />
      </Page>
    );
  }
  if (state === 'error' || !task) {
    return (
      <Page title="支部报名">
        <ErrorState message={error || '没有找到这个任务'} onRetry={() => setSeq((n) => n + 1)} />
      </Page>
    );
  }

  const members = picked;
  const allPicked = candidates.length > 0 && picked.length === candidates.length;
  const toggle = (id: number, on: boolean) => setPicked((p) => (on ? [...p, id] : p.filter((x) => x !== id)));

  const submit = async () => {
    if (!members.length) {
      toast('请选择要指派的党员');
      return;
    }
    await action.run(() => claimForBranch(task.id, branch.branchId, members), {
      success: '已为支部报名',
      onSuccess: setResults,
    });
  };

  return (
    <Page title="支部报名">
      <View className="card">
        <TaskSummary task={task} />
      </View>
      <Text className="section-title">{`指派${branch.branchName}的党员`}</Text>
      <View className="card">
        {candidates.length === 0 ? <Text className="block mb-32">支部还没有审核通过的党员。</Text> : null}
        {candidates.length > 1 ? (
          <Checkbox
            checked={allPicked}
            onChange={(on) => setPicked(on ? candidates.map((c) => c.userId) : [])}
            label={allPicked ? '取消全选' : '全选'}
          >
            <Text className="t-bold">
              {allPicked ? `取消全选（共${candidates.length}人）` : `全选（共${candidates.length}人）`}
            </Text>
          </Checkbox>
        ) : null}
        {candidates.map((c) => (
          <Checkbox
            key={c.userId}
            checked={picked.includes(c.userId)}
            onChange={(on) => toggle(c.userId, on)}
            label={c.name}
          >
            <View>
              <Text className="t-bold block">{c.name}</Text>
              {c.detail ? <Text className="t-s t-muted">{c.detail}</Text> : null}
            </View>
          </Checkbox>
        ))}
        <View className="mt-40">
          <Btn onClick={() => void submit()} loading={!!action.busy} loadingText="正在报名…" disabled={!members.length}>
            {`为支部报名（${members.length}人）`}
          </Btn>
        </View>
      </View>
      {results.length ? (
        <View className="card">
          <Text className="t-bold block mb-16">报名结果</Text>
          {results.map((c) => (
            <View key={c.id} className="row-between kv">
              <Text>{c.memberName}</Text>
              <Badge
                text={c.waitlistPosition ? `候补第${c.waitlistPosition}位` : CLAIM_STATUS_LABELS[c.status]}
                tone={CLAIM_TONE[c.status]}
              />
            </View>
          ))}
          <Btn variant="plain" onClick={() => openPage(`${PAGES.task}?id=${task.id}`)}>
            回到任务
          </Btn>
        </View>
      ) : null}
    </Page>
  );
}
