import { ROUTES, type MeDto } from '@sbd/contracts';
import { Button, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { call } from '@/platform/api';
import { navigate, usePath } from '@/platform/router';
import { endSession, getSession } from '@/platform/session';
import { menuFor } from './menu';

async function signOut(): Promise<void> {
  const refreshToken = getSession()?.refreshToken;
  try {
    if (refreshToken) await call(ROUTES.auth.logout, { body: { refreshToken } });
  } finally {
    endSession();
  }
}

/** The frame of every page: the role's menu on the left, the page on the right. */
export function Shell({ user, pages }: { user: MeDto; pages: Record<string, (user: MeDto) => ReactNode> }) {
  const path = usePath();
  const entries = menuFor(user);
  const allowed = entries.some((e) => e.path === path) && pages[path];
  return (
    <Layout className="shell">
      <Layout.Sider width={200} theme="light">
        <div className="brand">双报到 · 管理后台</div>
        <Menu
          mode="inline"
          selectedKeys={[path]}
          items={entries.map((e) => ({ key: e.path, label: e.label }))}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="header">
          <Space>
            <Typography.Text>{user.name}</Typography.Text>
            <Button onClick={() => void signOut()}>退出登录</Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="content">
          {allowed ? (
            <Suspense fallback={<Spin size="large" className="page-loading" aria-label="页面加载中" />}>
              {pages[path](user)}
            </Suspense>
          ) : (
            <Result
              status="404"
              title="页面不存在或无权访问"
              extra={<Button onClick={() => navigate('/')}>返回工作台</Button>}
            />
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
