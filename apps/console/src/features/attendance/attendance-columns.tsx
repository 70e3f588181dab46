import { CLAIM_STATUS_LABELS, ClaimAction, ClaimStatus, type ClaimDto } from '@sbd/contracts';
import { Button, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { serviceWindow } from './attendance-format';

const STATUS_COLORS: Partial<Record<ClaimStatus, string>> = {
  [ClaimStatus.CheckedOut]: 'gold',
  [ClaimStatus.Verified]: 'green',
  [ClaimStatus.Rejected]: 'red',
  [ClaimStatus.NoShow]: 'red',
  [ClaimStatus.CheckedIn]: 'blue',
};

const time = (t: string | null) =>
  t ? new Date(t).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' }) : '—';

/** 服务核验's columns: sortable by member, time and hours; 驳回 where the claim allows it. */
export function attendanceColumns(onReject: (claim: ClaimDto) => void): ColumnsType<ClaimDto> {
  return [
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
          <Button size="small" autoInsertSpace={false} onClick={() => onReject(c)} aria-label={`驳回 ${c.memberName}`}>
            驳回
          </Button>
        ),
    },
  ];
}
