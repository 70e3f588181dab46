import { Role, type MeDto } from '@sbd/contracts';
import { Button, Card, List, Typography } from 'antd';
import { BASE, navigate } from '@/platform/router';
import { scopeLabel } from '@/features/stats/stats-format';
import { DEFAULT_REFRESH_SECONDS } from './screen-format';

/** Roles whose node has a screen. */
export const SCREEN_ROLES: Role[] = [Role.DistrictAdmin, Role.StreetAdmin];

/** 数据大屏: the admin's districts and streets, each opening its full-screen page. */
export function ScreenEntryPage({ user }: { user: MeDto }) {
  const scopes = user.roles.filter((r) => SCREEN_ROLES.includes(r.role) && r.scopeNodeId !== null);
  return (
    <Card title="数据大屏">
      <Typography.Paragraph>
        在大屏或投影上全屏显示（按 F11），每 {DEFAULT_REFRESH_SECONDS} 秒自动刷新，无需刷新页面。 可在地址后加
        ?refresh=秒数 调整刷新间隔。
      </Typography.Paragraph>
      <List
        bordered
        dataSource={scopes}
        renderItem={(s) => (
          <List.Item
            actions={[
              <Button key="open" type="primary" onClick={() => navigate(`/screen/${s.scopeNodeId}`)}>
                打开数据大屏
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={scopeLabel(s)}
              description={`地址：${window.location.origin}${BASE}/screen/${s.scopeNodeId}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
