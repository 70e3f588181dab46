import { ROLE_LABELS, type MeDto } from '@sbd/contracts';
import { Card, Descriptions, Typography } from 'antd';
import { staffRoles } from '@/platform/roles';

/** 工作台: who is signed in and with which scopes. */
export function HomePage({ user }: { user: MeDto }) {
  return (
    <Card>
      <Typography.Title level={4}>您好，{user.name}</Typography.Title>
      <Descriptions column={1} bordered size="small">
        {staffRoles(user).map((r) => (
          <Descriptions.Item key={`${r.role}-${r.scopeNodeId ?? 0}`} label={ROLE_LABELS[r.role]}>
            {r.scopeName ?? '全部'}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}
