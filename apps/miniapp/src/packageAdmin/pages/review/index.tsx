import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  PAGES,
  DAY_PERIOD_LABELS,
  OrgNodeType,
  WEEKDAY_LABELS,
  type ApproveRegistrationRequest,
  type OrgNodeDto,
  type RegistrationDto,
} from '@sbd/contracts';
import { maskPhone } from '@sbd/domain';
import { Btn } from '@/ui/Button';
import { SelectField, TextAreaField, type SelectOption } from '@/ui/Field';
import { Page } from '@/ui/Page';
import { ErrorState, Loading } from '@/ui/States';
import { StatusBadge } from '@/ui/StatusBadge';
import { fetchChildren } from '@/features/org/service';
import { approveRegistration, fetchRegistration, rejectRegistration } from '@/features/registration/service';
import { attempt } from '@/platform/request';
import { communityAdminScope, useSession } from '@/platform/session';
import { a11y, cx, keyActivate } from '@/platform/a11y';
import { formatDateTime } from '@/platform/format';
import { goBack, replacePage } from '@/platform/nav';
import { rejectReasonError } from '@/platform/validation';
import { AdminGate } from '@/packageAdmin/components/AdminGate';
import { getReviewing } from '@/packageAdmin/reviewing';
import './index.css';

type Decision = 'approve' | 'reject';

const NONE = 0;

function Row({ k, v }: { k: string; v: string | null | undefined }) {
  return (
    <View className='kv'>
      <Text className='kv-key'>{k}</Text>
      <Text className='kv-value'>{v || '—'}</Text>
    </View>
  );
}

function toOptions(nodes: OrgNodeDto[], noneLabel: string): SelectOption<number>[] {
  return [{ value: NONE, label: noneLabel }, ...nodes.map((n) => ({ value: n.id, label: n.name }))];
}

function confirm(title: string, content: string, danger = false): Promise<boolean> {
  return Promise.resolve(
    Taro.showModal({ title, content, confirmText: '确定', cancelText: '取消', ...(danger ? { confirmColor: '#b3261e' } : {}) }),
  )
    .then((r) => !!r?.confirm)
    .catch(() => false);
}

export default function ReviewPage() {
  const router = useRouter();
  const session = useSession();
  const scope = communityAdminScope(session);
  const id = Number(router.params?.id);
  // From the list (storage) at once; otherwise (H5 reload, opened from a notification) from the API.
  const [reg, setReg] = useState<RegistrationDto | null>(() => (Number.isFinite(id) ? getReviewing(id) : null));
  const [regState, setRegState] = useState<'ready' | 'loading' | 'missing'>(reg ? 'ready' : 'loading');

  const [decision, setDecision] = useState<Decision>('approve');
  const [branches, setBranches] = useState<OrgNodeDto[]>([]);
  const [grids, setGrids] = useState<OrgNodeDto[]>([]);
  const [groups, setGroups] = useState<OrgNodeDto[]>([]);
  const [orgError, setOrgError] = useState('');
  const [branchId, setBranchId] = useState<number>(NONE);
  const [gridId, setGridId] = useState<number>(reg?.gridId ?? NONE);
  const [groupId, setGroupId] = useState<number>(NONE);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const communityId = reg?.communityId ?? scope?.communityId ?? 0;

  useEffect(() => {
    if (reg) return;
    if (!Number.isInteger(id) || id <= 0 || !scope) {
      setRegState('missing');
      return;
    }
    let live = true;
    void attempt(fetchRegistration(id)).then((r) => {
      if (!live) return;
      if (r.ok) {
        setReg(r.data);
        setGridId(r.data.gridId ?? NONE);
        setRegState('ready');
      } else {
        setRegState('missing');
      }
    });
    return () => {
      live = false;
    };
  }, [id, !!scope]);

  const loadOrg = async () => {
    if (!communityId) return;
    setOrgError('');
    const [b, g] = await Promise.all([
      attempt(fetchChildren(communityId, OrgNodeType.FunctionalBranch)),
      attempt(fetchChildren(communityId, OrgNodeType.Grid)),
    ]);
    if (b.ok) setBranches(b.data);
    if (g.ok) setGrids(g.data);
    if (!b.ok || !g.ok) setOrgError(`组织架构加载失败：${(!b.ok ? b.error : !g.ok ? g.error : null)?.message ?? ''}`);
  };

  useEffect(() => {
    void loadOrg();
    // communityId is fixed for the page's lifetime
  }, [communityId]);

  // Party groups hang under a functional branch, or under a grid.
  useEffect(() => {
    const parent = branchId || gridId;
    setGroupId(NONE);
    setGroups([]);
    if (!parent) return;
    let live = true;
    void attempt(fetchChildren(parent, OrgNodeType.PartyGroup)).then((r) => {
      if (live && r.ok) setGroups(r.data);
    });
    return () => {
      live = false;
    };
  }, [branchId, gridId]);

  if (!scope) return <AdminGate title='审核报到' loggedIn={!!session?.accessToken} />;

  if (!reg && regState === 'loading') {
    return (
      <Page title='审核报到'>
        <Loading />
      </Page>
    );
  }
  if (!reg) {
    return (
      <Page title='审核报到'>
        <ErrorState message='没有找到这条报到申请，请返回列表重新打开。' />
        <Btn onClick={() => replacePage(PAGES.approvals)}>返回审核列表</Btn>
      </Page>
    );
  }

  const approve = async () => {
    if (!(await confirm('通过报到', `确定通过「${reg.name}」的报到申请吗？`))) return;
    const body: ApproveRegistrationRequest = {
      ...(branchId ? { branchId } : {}),
      ...(groupId ? { groupId } : {}),
      ...(gridId ? { gridId } : {}),
    };
    setBusy(true);
    const r = await attempt(approveRegistration(reg.id, body));
    setBusy(false);
    if (r.ok) {
      Promise.resolve(Taro.showToast({ title: '已通过', icon: 'success' })).catch(() => undefined);
      goBack();
    }
  };

  const reject = async () => {
    const err = rejectReasonError(reason);
    setReasonError(err);
    if (err) return;
    if (!(await confirm('不通过', `确定不通过「${reg.name}」的报到申请吗？原因会告知申请人。`, true))) return;
    setBusy(true);
    const r = await attempt(rejectRegistration(reg.id, { reason: reason.trim() }));
    setBusy(false);
    if (r.ok) {
      Promise.resolve(Taro.showToast({ title: '已退回', icon: 'success' })).catch(() => undefined);
      goBack();
    } else {
      const msg = r.error.fieldMessage('reason');
      if (msg) setReasonError(msg);
    }
  };

  const freeTime = reg.freeTime.map((s) => `${WEEKDAY_LABELS[s.weekday]}${DAY_PERIOD_LABELS[s.period]}`).join('、');

  const choices: { key: Decision; label: string }[] = [
    { key: 'approve', label: '通过并分配' },
    { key: 'reject', label: '不通过' },
  ];

  return (
    <Page title='审核报到'>
      <View className='card'>
        <View className='row-between'>
          <Text className='t-xl t-bold'>{reg.name}</Text>
          <StatusBadge status={reg.status} />
        </View>
        <Row k='手机号' v={maskPhone(reg.phone)} />
        <Row k='身份证号' v={reg.idNumber} />
        <Row k='工作单位' v={reg.workUnitName} />
        <Row k='单位党组织' v={reg.unitPartyOrgName} />
        <Row k='居住地址' v={[reg.buildingName, reg.residenceDetail].filter(Boolean).join(' ')} />
        <Row k='技能特长' v={reg.skills.join('、')} />
        <Row k='空闲时间' v={freeTime} />
        <Row k='意向岗位' v={reg.positions.map((p) => p.name).join('、')} />
        <Row k='提交时间' v={formatDateTime(reg.submittedAt)} />
      </View>

      <Text className='section-title'>审核结果</Text>
      <View className='decision'>
        {choices.map((c) => {
          const on = decision === c.key;
          const pick = () => setDecision(c.key);
          return (
            <View
              key={c.key}
              className={cx('decision-opt', on && 'on', c.key === 'reject' && 'reject')}
              onClick={pick}
              {...a11y(c.label, { role: 'radio', checked: on })}
              {...keyActivate(pick)}
            >
              <Text>{`${on ? '● ' : '○ '}${c.label}`}</Text>
            </View>
          );
        })}
      </View>

      {decision === 'approve' ? (
        <View className='card'>
          {orgError ? <ErrorState message={orgError} onRetry={() => void loadOrg()} /> : null}
          <SelectField
            label='功能型党支部'
            options={toOptions(branches, '暂不分配')}
            value={branchId}
            onChange={setBranchId}
          />
          <SelectField label='网格' options={toOptions(grids, '暂不分配')} value={gridId} onChange={setGridId} />
          <SelectField
            label='党小组'
            options={toOptions(groups, '暂不分配')}
            value={groupId}
            onChange={setGroupId}
            hint={branchId || gridId ? undefined : '先选择党支部或网格'}
          />
          <Btn onClick={approve} loading={busy} loadingText='正在提交…'>
            通过报到
          </Btn>
        </View>
      ) : (
        <View className='card'>
          <TextAreaField
            label='不通过的原因'
            value={reason}
            onChange={(v) => {
              setReason(v);
              if (reasonError) setReasonError(rejectReasonError(v));
            }}
            placeholder='如：住址不在本社区，请向居住地社区报到'
            maxLength={200}
            required
            error={reasonError}
          />
          <Btn variant='danger' onClick={reject} loading={busy} loadingText='正在提交…'>
            确认不通过
          </Btn>
        </View>
      )}
    </Page>
  );
}
