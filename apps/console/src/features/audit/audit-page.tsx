import { AUDIT_ACTION_LABELS, AuditAction, type AuditEventDto } from '@sbd/contracts';
import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { actorText, detailText, objectText, parseActorId } from './audit-format';
import { useAuditEvents } from './use-audit-events';

const COLUMNS = [
  { title: '时间', dataIndex: 'occurredAt', width: 170, render: (t: string) => new Date(t).toLocaleString('zh-CN') },
  {
    title: '操作',
    dataIndex: 'action',
    width: 130,
    render: (a: AuditAction) => <Tag>{AUDIT_ACTION_LABELS[a] ?? a}</Tag>,
  },
  { title: '操作人', render: (e: AuditEventDto) => actorText(e) },
  { title: '对象', render: objectText },
  { title: '组织', dataIndex: 'nodeName', render: (n: string | null) => n ?? '—' },
  { title: '详情', dataIndex: 'detail', render: (d: AuditEventDto['detail']) => detailText(d) },
  { title: 'IP', dataIndex: 'ip', width: 130 },
];

/** 审计日志: who did what, when, filtered by action, time range and actor; read only. */
export function AuditPage() {
  const [action, setAction] = useState<AuditAction | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [actorInput, setActorInput] = useState('');
  const [actorUserId, setActorUserId] = useState<number | undefined>();
  const list = useAuditEvents({
    action,
    actorUserId,
    from: range?.[0]?.startOf('day').toISOString(),
    to: range?.[1]?.add(1, 'day').startOf('day').toISOString(),
  });

  return (
    <Card title="审计日志">
      <Space wrap className="toolbar">
        <Select
          className="picker"
          allowClear
          placeholder="全部操作"
          aria-label="操作类型"
          value={action}
          options={Object.values(AuditAction).map((a) => ({ value: a, label: AUDIT_ACTION_LABELS[a] }))}
          onChange={setAction}
        />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} />
        <Input.Search
          className="picker"
          allowClear
          placeholder="操作人 ID"
          aria-label="操作人 ID"
          value={actorInput}
          onChange={(e) => setActorInput(e.target.value)}
          onSearch={(v) => setActorUserId(parseActorId(v))}
        />
      </Space>
      {list.error && <Alert type="error" showIcon message={list.error} />}
      <Table<AuditEventDto>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        columns={COLUMNS}
        pagination={false}
      />
      {list.hasMore && (
        <Button block onClick={() => void list.more()}>
          加载更多
        </Button>
      )}
    </Card>
  );
}
