import { Text, View } from '@tarojs/components';
import { Btn } from './Button';
import { Page } from './Page';
import { goHome, goLogin } from '@/platform/nav';

/** What a page shows to a visitor who is not logged in, or to a user without the needed role. */
export function Gate({ title, loggedIn, need }: { title: string; loggedIn: boolean; need: string }) {
  return (
    <Page title={title}>
      <View className="card">
        <Text className="block mb-32">{loggedIn ? need : '请先登录。'}</Text>
        {loggedIn ? <Btn onClick={goHome}>返回首页</Btn> : <Btn onClick={() => goLogin()}>去登录</Btn>}
      </View>
    </Page>
  );
}
