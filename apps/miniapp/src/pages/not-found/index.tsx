import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { goHome } from '@/platform/nav';
import { Btn } from '@/ui/Button';
import { a11y } from '@/platform/a11y';
import { Page } from '@/ui/Page';

/**
 * 页面不存在: where an unknown address lands (app.tsx sends it here with the address in `path`),
 * with the way back to 首页.
 */
export default function NotFoundPage() {
  const router = useRouter();
  const path = safePath(router.params?.path);
  return (
    <Page title="页面不存在">
      <View className="card">
        <Text className="t-xxl t-bold block" {...a11y(undefined, { hidden: true })}>
          404
        </Text>
        <Text className="block mt-16">您要打开的页面不存在，可能是链接有误或页面已下线。</Text>
        {path ? <Text className="block mt-16 t-muted">{`地址：${path}`}</Text> : null}
      </View>
      <Btn onClick={goHome}>回到首页</Btn>
    </Page>
  );
}

/** The unknown address as text (decoded, at most 200 characters). */
function safePath(raw: string | undefined): string {
  if (!raw) return '';
  try {
    return decodeURIComponent(raw).slice(0, 200);
  } catch {
    return raw.slice(0, 200);
  }
}
