import {
  ROLE_INVITATION_STATUS_LABELS,
  ROLE_LABELS,
  ROUTES,
  type RoleGrantDto,
  type RoleInvitationDto,
} from '@sbd/contracts';
import { App, Button, Popconfirm, Table } from 'antd';
import { call } from '@/platform/api';

/** Invitations of a node still waiting for an answer; those whose role the viewer may appoint can be withdrawn (撤销). */
export function PendingInvitations({
  invitations,
  roles,
  onChange,
}: {
  invitations: RoleInvitationDto[];
  /** The roles the viewer may appoint at this node. */
  roles: RoleGrantDto['role'][];
  onChange: () => void;
}) {
  const { message } = App.useApp();
  const cancel = async (i: RoleInvitationDto) => {
    try {
      await call(ROUTES.staff.cancel, { params: { id: i.id }, body: {} });
      void message.success(`已撤销发给 ${i.phone} 的${ROLE_LABELS[i.role]}邀请`);
    } catch (e) {
      void message.error((e as Error).message);
    }
    onChange();
  };
  if (!invitations.length) return null;

  return (
    <Table<RoleInvitationDto>
      className="staff-invitations"
      rowKey="id"
      size="small"
      pagination={false}
      title={() => '待确认的邀请'}
      dataSource={invitations}
      columns={[
        { title: '手机号', dataIndex: 'phone' },
        { title: '职务', dataIndex: 'role', render: (r: RoleGrantDto['role']) => ROLE_LABELS[r] },
        {
          title: '状态',
          dataIndex: 'status',
          render: (s: RoleInvitationDto['status']) => ROLE_INVITATION_STATUS_LABELS[s],
        },
        { title: '邀请人', dataIndex: 'invitedByName' },
        { title: '有效至', dataIndex: 'expiresAt', render: (t: string) => new Date(t).toLocaleDateString('zh-CN') },
        {
          title: '操作',
          render: (i: RoleInvitationDto) =>
            roles.includes(i.role) && (
              <Popconfirm
                title={`撤销发给 ${i.phone} 的邀请？`}
                okText="撤销"
                cancelText="取消"
                onConfirm={() => void cancel(i)}
              >
                <Button size="small" aria-label={`撤销邀请 ${i.phone}`}>
                  撤销
                </Button>
              </Popconfirm>
            ),
        },
      ]}
    />
  );
}
