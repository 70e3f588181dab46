import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { CLAIM_STATUS_LABELS, RegistrationStatus, type ClaimDto, type TaskDto } from '@sbd/contracts';
import { Badge } from '../../../components/Badge';
import { Btn } from '../../../components/Button';
import { TextField } from '../../../components/Field';
import { Gate } from '../../../components/Gate';
import { Page } from '../../../components/Page';
import { ErrorState, Loading } from '../../../components/States';
import { Checkbox } from '../../../components/Toggle';
import { PAGES } from '../../../config';
import { claimForBranch } from '../../../services/claims';
import { fetchMyRegistration, listCommunityRegistrations } from '../../../services/registration';
import { attempt } from '../../../services/request';
import { branchScope, useSession } from '../../../services/session';
import { getTask } from '../../../services/tasks';
import { CLAIM_TONE } from '../../../utils/loop';
import { openPage } from '../../../utils/nav';
import { toast } from '../../../utils/ui';
import { TaskSummary } from '../../../components/TaskSummary';

interface Candidate {
  userId: number;
  name: string;
  detail: string;
}

/** "12, 15，18" → [12, 15, 18] (distinct positive integers). */
export function parseIds(text: string): number[] {
  const ids = text
    .split(/[^0-9]+/)
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  return [...new Set(ids)];
}

/**
 * 支部书记 claims a task for the branch and assigns members. The API has no branch member list
 * for a secretary: when they also have community staff rights the approved registrations of the
 * branch are listed; otherwise the secretary themself is offered and other members are entered by
 * their user number.
 */
export default function BranchClaimPage() {
  const router = useRouter();
  const session = useSession();
  const branch = branchScope(session);
  const taskId = Number(router.params?.taskId);
  const [task, setTask] = useState<TaskDto | null>(null);
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [listed, setListed] = useState(true);
  const [picked, setPicked] = useState<number[]>([]);
  const [manual, setManual] = useState('');
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<ClaimDto[]>([]);

  useEffect(() => {
    if (!branch || !Number.isInteger(taskId)) return;
    let live = true;
    const load = async () => {
      const t = await attempt(getTask(taskId));
      if (!live) return;
      if (!t.ok) {
        setError(t.error.message);
        setState('error');
        return;
      }
      setTask(t.data);
      const regs = await attempt(listCommunityRegistrations(t.data.communityId, { status: RegistrationStatus.Approved, limit: 100 }, [403]));
      if (!live) return;
      if (regs.ok) {
        setCandidates(
          regs.data.items
            .filter((r) => r.branchId === branch.branchId)
            .map((r) => ({ userId: r.userId, name: r.name, detail: [r.workUnitName, r.skills.join('、')].filter(Boolean).join(' · ') })),
        );
      } else {
        // No staff rights: offer the secretary themself when they serve in the branch.
        setListed(false);
        const me = await attempt(fetchMyRegistration());
        if (live && me.ok && me.data && me.data.branchId === branch.branchId && me.data.status === RegistrationStatus.Approved) {
          setCandidates([{ userId: me.data.userId, name: `${me.data.name}（本人）`, detail: me.data.workUnitName }]);
        }
      }
      if (live) setState('ready');
    };
    void load();
    return () => {
      live = false;
    };
  }, [taskId, branch?.branchId]);

  if (!branch) return <Gate title='支部报名' loggedIn={!!session?.accessToken} need='此功能仅供功能型党支部书记使用。' />;
  if (state === 'loading') {
    return (
      <Page title='支部报名'>
        <Loading />
      </Page>
    );
  }
  if (state === 'error' || !task) {
    return (
      <Page title='支部报名'>
        <ErrorState message={error || '没有找到这个任务'} />
      </Page>
    );
  }

  const members = [...new Set([...picked, ...parseIds(manual)])];
  const toggle = (id: number, on: boolean) => setPicked((p) => (on ? [...p, id] : p.filter((x) => x !== id)));

  const submit = async () => {
    if (!members.length) {
      toast('请选择要指派的党员');
      return;
    }
    setBusy(true);
    const r = await attempt(claimForBranch(task.id, branch.branchId, members));
    setBusy(false);
    if (r.ok) {
      setResults(r.data);
      toast('已为支部报名', 'success');
    }
  };

  return (
    <Page title='支部报名'>
      <View className='card'>
        <TaskSummary task={task} />
      </View>
      <Text className='section-title'>{`指派${branch.branchName}的党员`}</Text>
      <View className='card'>
        {candidates.map((c) => (
          <Checkbox key={c.userId} checked={picked.includes(c.userId)} onChange={(on) => toggle(c.userId, on)} label={c.name}>
            <View>
              <Text className='t-bold' style={{ display: 'block' }}>
                {c.name}
              </Text>
              {c.detail ? <Text className='t-s t-muted'>{c.detail}</Text> : null}
            </View>
          </Checkbox>
        ))}
        {!listed ? (
          <View style={{ marginTop: '12px' }}>
            <TextField
              label='其他党员的用户编号'
              value={manual}
              onChange={setManual}
              placeholder='多个编号用逗号分隔，如：12,15'
              hint='暂时无法列出支部全体党员（需社区管理员权限），请向社区索取党员编号'
            />
          </View>
        ) : null}
        <Btn onClick={() => void submit()} loading={busy} loadingText='正在报名…' disabled={!members.length}>
          {`为支部报名（${members.length}人）`}
        </Btn>
      </View>
      {results.length ? (
        <View className='card'>
          <Text className='t-bold' style={{ display: 'block', marginBottom: '8px' }}>
            报名结果
          </Text>
          {results.map((c) => (
            <View key={c.id} className='row-between kv'>
              <Text>{c.memberName}</Text>
              <Badge text={c.waitlistPosition ? `候补第${c.waitlistPosition}位` : CLAIM_STATUS_LABELS[c.status]} tone={CLAIM_TONE[c.status]} />
            </View>
          ))}
          <Btn variant='plain' onClick={() => openPage(`${PAGES.task}?id=${task.id}`)}>
            回到任务
          </Btn>
        </View>
      ) : null}
    </Page>
  );
}
