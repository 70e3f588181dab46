import { Layout, Typography } from 'antd';

/** The console's shell. Sign-in and the staff pages are added on top of it. */
export function ConsoleApp() {
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header>
        <Typography.Title level={4} style={{ color: '#fff', margin: '14px 0' }}>
          双报到 · 管理后台
        </Typography.Title>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <Typography.Paragraph>请使用工作人员账号登录。</Typography.Paragraph>
      </Layout.Content>
    </Layout>
  );
}
