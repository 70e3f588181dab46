import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { OrgNodeType, type ApproveRegistrationRequest, type OrgNodeDto, type RegistrationDto } from '@sbd/contracts';
import { a11y, cx, keyActivate } from '@/platform/a11y';
import { confirmModal } from '@/platform/feedback';
import { goBack } from '@/platform/nav';
import { attempt } from '@/platform/request';
import { rejectReasonError } from '@/features/registration/form';
import { Btn } from '@/ui/Button';
import { SelectField, TextAreaField, type SelectOption } from '@/ui/Field';
import { useAction } from '@/ui/hooks/useAction';
import { ErrorState } from '@/ui/States';
import { fetchChildren } from '@/features/org/service';
import { approveRegistration, rejectRegistration } from '@/features/registration/service';
import './review.css';
import { SectionTitle } from '@/ui/SectionTitle';

type Decision = 'approve' | 'reject';

const NONE = 0;

const CHOICES: { key: Decision; label: string }[] = [
  { key: 'approve', label: '通过并分配' },
  { key: 'reject', label: '不通过' },
];

function toOptions(nodes: OrgNodeDto[], noneLabel: string): SelectOption<number>[] {
  return [{ value: NONE, label: noneLabel }, ...nodes.map((n) => ({ value: n.id, label: n.name }))];
}

/** The organisation a member is placed in: functional branch, grid, party group (under either). */
function useOrgChoices(reg: RegistrationDto, communityId: number) {
  const [branches, setBranches] = useState<OrgNodeDto[]>([]);
  const [grids, setGrids] = useState<OrgNodeDto[]>([]);
  const [groups, setGroups] = useState<OrgNodeDto[]>([]);
  const [orgError, setOrgError] = useState('');
  const [branchId, setBranchId] = useState<number>(NONE);
  const [gridId, setGridId] = useState<number>(reg.gridId ?? NONE);
  const [groupId, setGroupId] = useState<number>(NONE);

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

  return { branches, grids, groups, orgError, loadOrg, branchId, setBranchId, gridId, setGridId, groupId, setGroupId };
}

type OrgChoices = ReturnType<typeof useOrgChoices>;

/** 通过并分配. */
function ApproveForm({ reg, org }: { reg: RegistrationDto; org: OrgChoices }) {
  const { branches, grids, groups, orgError, loadOrg, branchId, setBranchId, gridId, setGridId, groupId, setGroupId } =
    org;
  const action = useAction();

  const approve = async () => {
    if (!(await confirmModal('通过报到', `确定通过「${reg.name}」的报到申请吗？`))) return;
    const body: ApproveRegistrationRequest = {
      ...(branchId ? { branchId } : {}),
      ...(groupId ? { groupId } : {}),
      ...(gridId ? { gridId } : {}),
    };
    await action.run(() => approveRegistration(reg.id, body), { success: '已通过', onSuccess: goBack });
  };

  return (
    <View className="card">
      {orgError ? <ErrorState message={orgError} onRetry={() => void loadOrg()} /> : null}
      <SelectField
        label="功能型党支部"
        options={toOptions(branches, '暂不分配')}
        value={branchId}
        onChange={setBranchId}
      />
      <SelectField label="网格" options={toOptions(grids, '暂不分配')} value={gridId} onChange={setGridId} />
      <SelectField
        label="党小组"
        options={toOptions(groups, '暂不分配')}
        value={groupId}
        onChange={setGroupId}
        hint={branchId || gridId ? undefined : '先选择党支部或网格'}
      />
      <Btn onClick={() => void approve()} loading={!!action.busy} loadingText="正在提交…">
        通过报到
      </Btn>
    </View>
  );
}

/** 不通过, with the reason the applicant will read. */
function RejectForm({
  reg,
  reason,
  setReason,
}: {
  reg: RegistrationDto;
  reason: string;
  setReason: (v: string) => void;
}) {
  const [reasonError, setReasonError] = useState<string | undefined>();
  const action = useAction();

  const reject = async () => {
    const err = rejectReasonError(reason);
    setReasonError(err);
    if (err) return;
    if (!(await confirmModal('不通过', `确定不通过「${reg.name}」的报到申请吗？原因会告知申请人。`, '确定', true)))
      return;
    await action.run(() => rejectRegistration(reg.id, { reason: reason.trim() }), {
      success: '已退回',
      onSuccess: goBack,
      onError: (e) => {
        const msg = e.fieldMessage('reason');
        if (msg) setReasonError(msg);
      },
    });
  };

  return (
    <View className="card">
      <TextAreaField
        label="不通过的原因"
        value={reason}
        onChange={(v) => {
          setReason(v);
          if (reasonError) setReasonError(rejectReasonError(v));
        }}
        placeholder="如：住址不在本社区，请向居住地社区报到"
        maxLength={200}
        required
        error={reasonError}
      />
      <Btn variant="danger" onClick={() => void reject()} loading={!!action.busy} loadingText="正在提交…">
        确认不通过
      </Btn>
    </View>
  );
}

/** 审核结果: approve (and place in the organisation) or reject with a reason. */
export function ReviewDecision({ reg, communityId }: { reg: RegistrationDto; communityId: number }) {
  const [decision, setDecision] = useState<Decision>('approve');
  // Kept here, so switching between the two answers keeps what was picked or typed.
  const org = useOrgChoices(reg, communityId);
  const [reason, setReason] = useState('');
  return (
    <>
      <SectionTitle>审核结果</SectionTitle>
      <View className="decision">
        {CHOICES.map((c) => {
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
        <ApproveForm reg={reg} org={org} />
      ) : (
        <RejectForm reg={reg} reason={reason} setReason={setReason} />
      )}
    </>
  );
}
