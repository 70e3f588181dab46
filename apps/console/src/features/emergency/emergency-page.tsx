import { CALLUP_STATUS_LABELS, CallupStatus, type CallupDto, type MeDto } from '@sbd/contracts';
import { Alert, Button, Card, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { CallupDetail } from './callup-detail';
import { CallupForm } from './callup-form';
import { shortTime } from './emergency-format';
import { callupScopes, useCallups } from './use-callups';

/** 应急召集: the call-ups under one of the user's nodes, a new one, and each one's answers. */
export function EmergencyPage({ user }: { user: MeDto }) {
  const scopes = callupScopes(user);
  const [scopeNodeId, setScopeNodeId] = useState<number | null>(scopes[0]?.scopeNodeId ?? null);
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<number | null>(null);
  const list = useCallups(scopeNodeId);
  const scopeName = scopes.find((s) => s.scopeNodeId === scopeNodeId)?.scopeName ?? '';

  const columns: ColumnsType<CallupDto> = [
    { title: '召集事由', dataIndex: 'title' },
    { title: '范围', dataIndex: 'scopeName' },
    { title: '集合地点', dataIndex: 'place', ellipsis: true },
    { title: '发起时间', dataIndex: 'createdAt', render: shortTime },
    { title: '通知', dataIndex: 'notifiedCount', render: (n: number) => `${n} 人` },
    { title: '能到', dataIndex: 'availableCount' },
    { title: '不能到', dataIndex: 'unavailableCount' },
    {
      title: '状态',
      dataIndex: 'status',
      render: (s: CallupStatus) => (
        <Tag color={s === CallupStatus.Open ? 'red' : 'default'}>{CALLUP_STATUS_LABELS[s]}</Tag>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, c) => (
        <Button size="small" autoInsertSpace={false} aria-label={`查看 ${c.title}`} onClick={() => setViewing(c.id)}>
          查看
        </Button>
      ),
    },
  ];

  return (
    <Card
      title="应急召集"
      extra={
        <Button type="primary" disabled={scopeNodeId === null} onClick={() => setCreating(true)}>
          发起召集
        </Button>
      }
    >
      <Space wrap className="toolbar">
        <Select
          className="wide-picker"
          aria-label="召集范围"
          value={scopeNodeId ?? undefined}
          options={scopes.map((s) => ({ value: s.scopeNodeId, label: s.scopeName }))}
          onChange={setScopeNodeId}
        />
      </Space>
      {list.error && <Alert type="error" showIcon message={list.error} />}
      <Table<CallupDto>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        columns={columns}
        pagination={{ pageSize: 10, showSizeChanger: false }}
      />
      <CallupForm
        open={creating}
        scopeNodeId={scopeNodeId}
        scopeName={scopeName}
        onClose={() => setCreating(false)}
        onDone={(c) => {
          setCreating(false);
          setViewing(c.id);
          void list.reload();
        }}
      />
      <CallupDetail callupId={viewing} onClose={() => setViewing(null)} onChanged={() => void list.reload()} />
    </Card>
  );
}
