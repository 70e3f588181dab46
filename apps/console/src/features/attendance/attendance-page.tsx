import { CLAIM_STATUS_LABELS, ClaimAction, ClaimStatus, ROUTES, type ClaimDto, type MeDto } from '@sbd/contracts';
import { Alert, App, Button, Card, DatePicker, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { call } from '@/platform/api';
import { communityScopes } from '@/platform/roles';
import { CommunitySelect, useScopeCommunities } from '@/ui/community-select';
import { VERIFY_FILTERS, bulkSummary, serviceWindow, totalHours } from './attendance-format';
import { verifyAll } from './bulk';
import { useCommunityClaims, useCommunityTasks } from './use-claims';

const STATUS_COLORS: Partial<Record<ClaimStatus, string>> = {
  [ClaimStatus.CheckedOut]: 'gold',
  [ClaimStatus.Verified]: 'green',
  [ClaimStatus.Rejected]: 'red',
  [ClaimStatus.NoShow]: 'red',
  [ClaimStatus.CheckedIn]: 'blue',
};

const time = (t: string | null) =>
  t ? new Date(t).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' }) : '—';
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
  const [reason, setReason] = useState('');
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
  const reject = async () => {
    if (!rejecting) return;
    try {
      await call(ROUTES.claims.reject, { params: { id: rejecting.id }, body: { reason: reason.trim() } });
      void message.success(`已驳回 ${rejecting.memberName} 的服务时长`);
      setSelected((s) => s.filter((id) => id !== rejecting.id));
      setRejecting(null);
      setReason('');
      await list.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  const columns: ColumnsType<ClaimDto> = [
    { title: '党员', dataIndex: 'memberName', sorter: (a, b) => a.memberName.localeCompare(b.memberName, 'zh-CN') },
    { title: '任务', dataIndex: 'taskTitle' },
    {
      title: '服务时间',
      key: 'window',
      render: (_, c) => serviceWindow(c),
      sorter: (a, b) => Date.parse(a.taskStartAt) - Date.parse(b.taskStartAt),
    },
    { title: '签到', dataIndex: 'checkInAt', render: time },
    { title: '签退', dataIndex: 'checkOutAt', render: time },
    {
      title: '时长（小时）',
      dataIndex: 'creditedHours',
      render: (h: number | null) => h ?? '—',
      sorter: (a, b) => (a.creditedHours ?? 0) - (b.creditedHours ?? 0),
    },
    {
      title: '状态',
      dataIndex: 'status',
      render: (s: ClaimStatus, c) => (
        <Tag color={STATUS_COLORS[s]} title={c.rejectReason ?? undefined}>
          {s === ClaimStatus.CheckedOut ? '待核验' : CLAIM_STATUS_LABELS[s]}
        </Tag>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, c) =>
        c.allowedActions.includes(ClaimAction.Reject) && (
          <Button
            size="small"
            autoInsertSpace={false}
            onClick={() => setRejecting(c)}
            aria-label={`驳回 ${c.memberName}`}
          >
            驳回
          </Button>
        ),
    },
  ];

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
      <Modal
        title={rejecting ? `驳回 ${rejecting.memberName} 的服务时长` : ''}
        open={rejecting !== null}
        okText="驳回"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        onOk={() => void reject()}
        onCancel={() => setRejecting(null)}
      >
        <Input.TextArea
          rows={3}
          maxLength={200}
          aria-label="驳回原因"
          placeholder="请填写不通过的原因（将通知党员）"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
