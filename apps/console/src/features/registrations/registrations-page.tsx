import {
  PosterKind,
  REGISTRATION_STATUS_LABELS,
  ROUTES,
  RegistrationStatus,
  type MeDto,
  type RegistrationDto,
} from '@sbd/contracts';
import { Alert, App, Button, Card, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { download } from '@/platform/api';
import { communityScopes } from '@/platform/roles';
import { CommunitySelect } from '@/ui/community-select';
import { reviewAll } from './bulk';
import { useRegistrations } from './use-registrations';
import { ReasonInput } from '@/ui/reason-input';

const STATUS_COLORS: Record<RegistrationStatus, string> = { pending: 'gold', approved: 'green', rejected: 'red' };

const COLUMNS = [
  { title: '姓名', dataIndex: 'name' },
  { title: '手机号', dataIndex: 'phone' },
  { title: '工作单位', dataIndex: 'workUnitName' },
  { title: '居住地址', render: (r: RegistrationDto) => [r.buildingName, r.residenceDetail].filter(Boolean).join(' ') },
  { title: '提交时间', dataIndex: 'submittedAt', render: (t: string) => new Date(t).toLocaleString('zh-CN') },
  {
    title: '状态',
    dataIndex: 'status',
    render: (s: RegistrationStatus) => <Tag color={STATUS_COLORS[s]}>{REGISTRATION_STATUS_LABELS[s]}</Tag>,
  },
];

/** 报到审核: a community's registrations, filtered by status, approved or rejected in bulk. */
export function RegistrationsPage({ user }: { user: MeDto }) {
  const scopes = communityScopes(user);
  const [communityId, setCommunityId] = useState<number | null>(scopes[0]?.scopeNodeId ?? null);
  const [status, setStatus] = useState<RegistrationStatus | undefined>(RegistrationStatus.Pending);
  const [selected, setSelected] = useState<number[]>([]);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const list = useRegistrations(communityId, status);
  const { message } = App.useApp();

  const review = async (decision: 'approve' | 'reject') => {
    const r = await reviewAll(selected, decision, reason);
    if (r.failed.length) void message.warning(`成功 ${r.done} 条，失败 ${r.failed.length} 条：${r.failed[0].message}`);
    else void message.success(`已${decision === 'approve' ? '通过' : '驳回'} ${r.done} 条`);
    setSelected([]);
    setRejecting(false);
    setReason('');
    await list.reload();
  };
  const exportXlsx = () =>
    communityId !== null &&
    download(ROUTES.exports.registrations, { params: { id: communityId }, query: { status } }, '报到名单.xlsx').catch(
      (e: Error) => void message.error(e.message),
    );

  // The printable A4 poster: WeChat's mini-program code, or the web address (labelled 网页版 on it).
  const poster = (kind: PosterKind) => {
    const name = scopes.find((s) => s.scopeNodeId === communityId)?.scopeName ?? '社区';
    const suffix = kind === PosterKind.Url ? '-网页版' : '';
    return (
      communityId !== null &&
      download(
        ROUTES.org.posterPdf,
        { params: { id: communityId }, query: { kind } },
        `${name}-报到海报${suffix}.pdf`,
      ).catch((e: Error) => void message.error(e.message))
    );
  };

  return (
    <Card title="报到审核">
      <Space wrap className="toolbar">
        <CommunitySelect scopes={scopes} value={communityId} onChange={setCommunityId} />
        <Select
          className="picker"
          allowClear
          placeholder="全部状态"
          aria-label="报到状态"
          value={status}
          options={Object.values(RegistrationStatus).map((s) => ({ value: s, label: REGISTRATION_STATUS_LABELS[s] }))}
          onChange={setStatus}
        />
        <Button type="primary" disabled={!selected.length} onClick={() => void review('approve')}>
          批量通过（{selected.length}）
        </Button>
        <Button danger disabled={!selected.length} onClick={() => setRejecting(true)}>
          批量驳回
        </Button>
        <Button onClick={() => void exportXlsx()}>导出 Excel</Button>
        <Button onClick={() => void poster(PosterKind.Wxacode)}>报到海报 PDF（小程序码）</Button>
        <Button onClick={() => void poster(PosterKind.Url)}>网页版海报 PDF</Button>
      </Space>
      {list.error && <Alert type="error" showIcon message={list.error} />}
      <Table<RegistrationDto>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        columns={COLUMNS}
        pagination={false}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as number[]),
          getCheckboxProps: (r) => ({
            disabled: r.status !== RegistrationStatus.Pending,
            'aria-label': `选择 ${r.name}`,
          }),
        }}
      />
      {list.hasMore && (
        <Button block onClick={() => void list.more()}>
          加载更多
        </Button>
      )}
      <Modal
        title={`驳回 ${selected.length} 条报到`}
        open={rejecting}
        okText="驳回"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        onOk={() => void review('reject')}
        onCancel={() => setRejecting(false)}
      >
        <ReasonInput placeholder="请填写驳回原因（将通知报到人）" value={reason} onChange={setReason} />
      </Modal>
    </Card>
  );
}
