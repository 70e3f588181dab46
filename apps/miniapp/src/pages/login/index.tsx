import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { a11y } from '@/platform/a11y';
import { isH5 } from '@/platform/env';
import { safeRedirect } from '@/platform/nav';
import { Btn, LinkAction } from '@/ui/Button';
import { Page } from '@/ui/Page';
import { ModeTabs, PasswordLoginForm, SignupForm } from '@/features/auth/LoginForms';
import { useLogin } from '@/features/auth/useLogin';

/** 登录 / 注册: WeChat login on weapp, phone and password (and sign-up) on H5 or on request. */
export default function LoginPage() {
  const router = useRouter();
  const redirect = safeRedirect(router.params?.redirect);
  const h5 = isH5();
  const auth = useLogin(redirect);
  const { mode, formError, showPasswordLogin } = auth;

  return (
    <Page title={mode === 'login' ? '登录双报到' : '注册账号'}>
      {redirect ? (
        <View className="notice">
          <Text>{auth.communityCode ? '登录或注册后继续社区报到。' : '请先登录，登录后回到刚才的页面。'}</Text>
        </View>
      ) : null}

      {formError ? (
        <View className="notice notice-error" {...a11y(undefined, { role: 'alert' })}>
          <Text>{formError}</Text>
        </View>
      ) : null}

      {!h5 ? (
        <View className="card">
          <Btn
            onClick={() => void auth.doWechatLogin()}
            loading={auth.busy && !showPasswordLogin}
            loadingText="正在登录…"
          >
            微信一键登录
          </Btn>
          <Text className="t-s t-muted block mt-24">使用当前微信账号登录，无需输入密码。</Text>
          {!showPasswordLogin ? (
            <LinkAction onClick={() => auth.setShowPasswordLogin(true)}>使用手机号和密码登录</LinkAction>
          ) : null}
        </View>
      ) : null}

      {showPasswordLogin ? (
        <View className="card">
          {h5 ? <ModeTabs mode={mode} onChange={auth.switchMode} /> : null}

          {mode === 'login' ? <PasswordLoginForm auth={auth} /> : <SignupForm auth={auth} />}
        </View>
      ) : null}
    </Page>
  );
}
