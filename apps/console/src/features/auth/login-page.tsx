import { ROUTES, type LoginRequest } from '@sbd/contracts';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { call, type ApiError } from '@/platform/api';
import { isStaff } from '@/platform/roles';
import { endSession, startSession } from '@/platform/session';

export const NOT_STAFF_MESSAGE = '该账号没有管理权限，请使用工作人员账号登录';

/** Sign-in with phone and password; only staff roles get past it. */
export function LoginPage() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<LoginRequest>();

  const submit = async (values: LoginRequest) => {
    setBusy(true);
    setError(null);
    try {
      const login = await call(ROUTES.auth.login, { body: values, anonymous: true });
      if (!isStaff(login.user)) {
        endSession();
        setError(NOT_STAFF_MESSAGE);
        return;
      }
      startSession(login);
    } catch (e) {
      const err = e as ApiError;
      for (const d of err.details ?? []) form.setFields([{ name: d.field as keyof LoginRequest, errors: [d.message] }]);
      setError(err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <Card style={{ width: 380 }}>
        <Typography.Title level={3}>双报到 · 管理后台</Typography.Title>
        <Typography.Paragraph type="secondary">社区、街道、区及单位工作人员使用</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item
            label="手机号"
            name="phone"
            rules={[{ required: true, pattern: /^1\d{10}$/, message: '请输入11位手机号' }]}
          >
            <Input autoComplete="username" maxLength={11} />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
