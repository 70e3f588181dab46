import { ClaimAction, ClaimStatus, type ClaimDto, type MeDto } from '@sbd/contracts';
import { Alert, App, Button, Card, DatePicker, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { communityScopes } from '@/platform/roles';
import { CommunitySelect, useScopeCommunities } from '@/ui/community-select';
import { attendanceColumns } from './attendance-columns';
import { VERIFY_FILTERS, bulkSummary, totalHours } from './attendance-format';
import { RejectClaimModal } from './reject-claim-modal';
import { verifyAll } from './bulk';
import { useCommunityClaims, useCommunityTasks } from './use-claims';

const canVerify = (c: ClaimDto) => c.allowedActions.includes(ClaimAction.Verify);

/** 服务核验: the claims on a community's tasks, filtered, verified in bulk or rejected one by one. */
export function AttendancePage({ user }: { user: MeDto }) {
  const communities = useScopeCommunities(user, communityScopes(user));
  const [communityId, setCommunityId] = useState<number | null>(communities[0]?.id ?? null);
  const [status, setStatus] = useState<ClaimStatus | undefined>(ClaimStatus.CheckedOut);
  const [taskId, setTaskId] = useState<number | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState<ClaimDto | null>(null);
  const tasks = useCommunityTasks(communityId);
  const list = useCommunityClaims(communityId, {
    status,
    taskId,
    from: range?.[0].format('YYYY-MM-DD'),
    to: range?.[1].format('YYYY-MM-DD'),
  });
  const { message } = App.useApp();
  // A street or district admin's communities arrive after the first render: start on the first.
  const firstId = communities[0]?.id ?? null;
  useEffect(() => setCommunityId((id) => id ?? firstId), [firstId]);
  const chosen = list.items.filter((c) => selected.includes(c.id));
  // Only rows on the list that may still be verified stay selected (after a reload or a filter).
  useEffect(
    () => setSelected((ids) => ids.filter((id) => list.items.some((c) => c.id === id && canVerify(c)))),
    [list.items],
  );

  const verify = async () => {
    setBusy(true);
    const r = await verifyAll(selected);
    setBusy(false);
    if (r.failed.length) void message.warning(bulkSummary(r), 6);
    else void message.success(bulkSummary(r));
    setSelected(r.failed.map((f) => f.id));
    await list.reload();
  };
  const columns = attendanceColumns(setRejecting);

  return (
    <Card title="服务核验">
      <Space wrap className="toolbar">
        <CommunitySelect
          communities={communities}
          value={communityId}
          onChange={(v) => {
            setCommunityId(v);
            setTaskId(undefined);
          }}
        />
        <Select
          className="picker wide-picker"
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="全部任务"
          aria-label="任务"
          value={taskId}
          options={tasks.map((t) => ({ value: t.id, label: t.title }))}
          onChange={setTaskId}
        />
        <Select
          className="picker"
          allowClear
          placeholder="全部状态"
          aria-label="核验状态"
          value={status}
          options={VERIFY_FILTERS}
          onChange={setStatus}
        />
        <DatePicker.RangePicker
          aria-label="服务日期"
          value={range}
          onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)}
        />
        <Button type="primary" loading={busy} disabled={!selected.length} onClick={() => void verify()}>
          批量核验（{selected.length} 条，{totalHours(chosen)} 小时）
        </Button>
      </Space>
      {list.error && <Alert type="error" showIcon message={list.error} />}
      <Table<ClaimDto>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        columns={columns}
        pagination={{ pageSize: 10, showSizeChanger: false, showTotal: (n) => `已加载 ${n} 条` }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as number[]),
          getCheckboxProps: (c) => ({ disabled: !canVerify(c), 'aria-label': `选择 ${c.memberName}` }),
        }}
      />
      {list.hasMore && (
        <Button block onClick={() => void list.more()}>
          加载更多
        </Button>
      )}
      <RejectClaimModal
        claim={rejecting}
        onClose={() => setRejecting(null)}
        onRejected={async (id) => {
          setSelected((ids) => ids.filter((x) => x !== id));
          setRejecting(null);
          await list.reload();
        }}
      />
    </Card>
  );
}
