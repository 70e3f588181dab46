import { Text, View } from '@tarojs/components';
import { PASSWORD_MIN_LENGTH } from '@sbd/contracts';
import { a11y, cx, keyActivate } from '@/platform/a11y';
import { Btn } from '@/ui/Button';
import { TextField } from '@/ui/Field';
import { PrivacyNotice } from '@/ui/PrivacyNotice';
import { Checkbox } from '@/ui/Toggle';
import type { LoginState, Mode } from './useLogin';
import './login.css';

export function ModeTabs({ mode, onChange }: { mode: Mode; onChange: (m: Mode) => void }) {
  const tabs: { key: Mode; label: string }[] = [
    { key: 'login', label: '登录' },
    { key: 'signup', label: '注册' },
  ];
  return (
    <View className="tabs" {...a11y('登录或注册', { role: 'tablist' })}>
      {tabs.map((t) => {
        const on = t.key === mode;
        const select = () => onChange(t.key);
        return (
          <View
            key={t.key}
            className={cx('tab', on && 'on')}
            onClick={select}
            {...a11y(t.label, { role: 'tab', selected: on })}
            {...keyActivate(select)}
          >
            <Text>{t.label}</Text>
          </View>
        );
      })}
    </View>
  );
}

/** Phone and password. */
export function PasswordLoginForm({ auth }: { auth: LoginState }) {
  return (
    <View>
      <TextField
        label="手机号"
        kind="phone"
        maxLength={11}
        value={auth.loginForm.phone}
        placeholder="请输入11位手机号"
        onChange={(phone) => auth.setLoginForm({ ...auth.loginForm, phone })}
        error={auth.loginErrors.phone}
        required
      />
      <TextField
        label="密码"
        kind="password"
        maxLength={64}
        value={auth.loginForm.password}
        placeholder="请输入密码"
        onChange={(password) => auth.setLoginForm({ ...auth.loginForm, password })}
        error={auth.loginErrors.password}
        required
      />
      <Btn onClick={() => void auth.doLogin()} loading={auth.busy} loadingText="正在登录…">
        登录
      </Btn>
      <Text className="t-s t-muted block mt-32">连续输错5次密码，账号将锁定15分钟。</Text>
    </View>
  );
}

/** A new account: name, phone, password twice, consent to the privacy notice. */
export function SignupForm({ auth }: { auth: LoginState }) {
  return (
    <View>
      <TextField
        label="姓名"
        value={auth.signupForm.name}
        maxLength={20}
        placeholder="请输入真实姓名"
        onChange={(name) => auth.setSignupForm({ ...auth.signupForm, name })}
        error={auth.signupErrors.name}
        required
      />
      <TextField
        label="手机号"
        kind="phone"
        maxLength={11}
        value={auth.signupForm.phone}
        placeholder="请输入11位手机号"
        onChange={(phone) => auth.setSignupForm({ ...auth.signupForm, phone })}
        error={auth.signupErrors.phone}
        required
      />
      <TextField
        label="设置密码"
        kind="password"
        maxLength={64}
        value={auth.signupForm.password}
        placeholder={`至少${PASSWORD_MIN_LENGTH}位`}
        hint="至少8位，包含大写字母、小写字母、数字、符号中的三类"
        onChange={(password) => auth.setSignupForm({ ...auth.signupForm, password })}
        error={auth.signupErrors.password}
        required
      />
      <TextField
        label="确认密码"
        kind="password"
        maxLength={64}
        value={auth.signupForm.confirmPassword}
        placeholder="请再次输入密码"
        onChange={(confirmPassword) => auth.setSignupForm({ ...auth.signupForm, confirmPassword })}
        error={auth.signupErrors.confirmPassword}
        required
      />
      <PrivacyNotice notice={auth.notice} error={auth.noticeError} onRetry={() => void auth.loadNotice()} />
      <Checkbox
        checked={auth.signupForm.consent}
        onChange={(consent) => auth.setSignupForm({ ...auth.signupForm, consent })}
        label={`我已阅读并同意${auth.notice?.title ?? '隐私政策'}`}
      >
        <Text>{`我已阅读并同意《${auth.notice?.title ?? '隐私政策'}》`}</Text>
      </Checkbox>
      {auth.signupErrors.consent ? (
        <Text className="field-error" {...a11y(undefined, { role: 'alert' })}>{`！${auth.signupErrors.consent}`}</Text>
      ) : null}
      <View className="mt-48">
        <Btn onClick={() => void auth.doSignup()} loading={auth.busy} loadingText="正在注册…">
          注册并登录
        </Btn>
      </View>
    </View>
  );
}
