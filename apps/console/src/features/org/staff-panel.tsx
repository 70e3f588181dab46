import { ROLE_LABELS, ROUTES, type MeDto, type OrgNodeDto, type RoleGrantDto } from '@sbd/contracts';
import { APPOINTABLE_ROLES } from '@sbd/domain';
import { Alert, App, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { call, type ApiError } from '@/platform/api';
import { appointableRoles, termText } from './org-format';
import { PendingInvitations } from './pending-invitations';
import { useNodeStaff } from './use-node-staff';

interface InviteForm {
  phone: string;
  role: RoleGrantDto['role'];
  termEndsAt?: Dayjs;
}

/** The staff of one node: who holds which role, for which term, granted by whom; invite and remove. */
export function StaffPanel({ user, node }: { user: MeDto; node: OrgNodeDto }) {
  const { staff, loading, error, reload } = useNodeStaff(node.id);
  const { message } = App.useApp();
  const [form] = Form.useForm<InviteForm>();
  const [busy, setBusy] = useState(false);
  const roles = appointableRoles(user, node.type, APPOINTABLE_ROLES);

  const revoke = async (g: RoleGrantDto) => {
    try {
      await call(ROUTES.staff.revoke, { params: { id: g.id } });
      void message.success(`已移除 ${g.name} 的${ROLE_LABELS[g.role]}职务`);
      reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const invite = async (v: InviteForm) => {
    setBusy(true);
    try {
      await call(ROUTES.staff.invite, {
        body: { phone: v.phone, role: v.role, nodeId: node.id, termEndsAt: v.termEndsAt?.endOf('day').toISOString() },
      });
      void message.success('邀请已发出，对方在小程序中确认后生效');
      form.resetFields();
      reload();
    } catch (e) {
      const err = e as ApiError;
      for (const d of err.details ?? [])
        if (d.field === 'phone' || d.field === 'role') form.setFields([{ name: d.field, errors: [d.message] }]);
      void message.error(err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={`人员 · ${node.name}`} loading={loading && !staff}>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<RoleGrantDto>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={staff?.grants ?? []}
        locale={{ emptyText: '该组织暂无工作人员' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '手机号', dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
          { title: '职务', dataIndex: 'role', render: (r: RoleGrantDto['role']) => ROLE_LABELS[r] },
          { title: '任期', render: (g: RoleGrantDto) => termText(g.startsAt, g.endsAt) },
          { title: '任命人', dataIndex: 'grantedByName', render: (n: string | null) => n ?? '—' },
          {
            title: '操作',
            render: (g: RoleGrantDto) =>
              roles.includes(g.role) && (
                <Popconfirm
                  title={`移除 ${g.name} 的${ROLE_LABELS[g.role]}职务？`}
                  okText="移除"
                  cancelText="取消"
                  onConfirm={() => void revoke(g)}
                >
                  <Button danger size="small" aria-label={`移除 ${g.name}`}>
                    移除
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <PendingInvitations invitations={staff?.pendingInvitations ?? []} roles={roles} onChange={reload} />
      {roles.length > 0 && (
        <Form
          form={form}
          layout="inline"
          className="staff-invite"
          onFinish={(v) => void invite(v)}
          requiredMark={false}
        >
          <Form.Item
            label="手机号"
            name="phone"
            rules={[{ required: true, pattern: /^1\d{10}$/, message: '请输入11位手机号' }]}
          >
            <Input maxLength={11} autoComplete="off" />
          </Form.Item>
          <Form.Item
            label="职务"
            name="role"
            initialValue={roles[0]}
            rules={[{ required: true, message: '请选择职务' }]}
          >
            <Select className="picker" options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          </Form.Item>
          <Form.Item label="任期至" name="termEndsAt">
            <DatePicker placeholder="长期" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              发出邀请
            </Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
