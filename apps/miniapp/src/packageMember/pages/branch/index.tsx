import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { BranchMemberDto, ClaimDto, TaskDto } from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { Gate } from '@/ui/Gate';
import { Page } from '@/ui/Page';
import { ErrorState, Loading } from '@/ui/States';
import { claimForBranch } from '@/features/claims/service';
import { fetchBranchMembers } from '@/features/registration/service';
import { attempt } from '@/platform/request';
import { branchScope, useSession } from '@/platform/session';
import { getTask } from '@/features/tasks/service';
import { toast } from '@/platform/feedback';
import { TaskSummary } from '@/features/tasks/TaskSummary';
import { useAction } from '@/ui/hooks/useAction';
import { BranchClaimResults, CandidatePicker, type Candidate } from '@/packageMember/components/BranchClaim';
import { SectionTitle } from '@/ui/SectionTitle';

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
      <SectionTitle>{`指派${branch.branchName}的党员`}</SectionTitle>
      <View className="card">
        <CandidatePicker candidates={candidates} picked={picked} onChange={setPicked} />
        <View className="mt-40">
          <Btn onClick={() => void submit()} loading={!!action.busy} loadingText="正在报名…" disabled={!members.length}>
            {`为支部报名（${members.length}人）`}
          </Btn>
        </View>
      </View>
      <BranchClaimResults results={results} taskId={task.id} />
    </Page>
  );
}
