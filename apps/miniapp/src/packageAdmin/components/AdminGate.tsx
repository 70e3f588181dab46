import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Btn } from '@/ui/Button';
import { Page } from '@/ui/Page';
import { goHome, goLogin } from '@/platform/nav';

/** What admin pages show to someone who is not logged in or is not a community admin. */
export function AdminGate({ title, loggedIn, children }: { title: string; loggedIn: boolean; children?: ReactNode }) {
  return (
    <Page title={title}>
      <View className="card">
        <Text className="block mb-32">{loggedIn ? '此功能仅供社区管理员使用。' : '请先登录社区管理员账号。'}</Text>
        {loggedIn ? <Btn onClick={goHome}>返回首页</Btn> : <Btn onClick={() => goLogin()}>去登录</Btn>}
      </View>
      {children}
    </Page>
  );
}
