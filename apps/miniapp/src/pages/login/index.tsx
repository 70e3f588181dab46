import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { PAGES, PASSWORD_MIN_LENGTH, type PrivacyNoticeDto } from '@sbd/contracts';
import { Btn, LinkAction } from '@/ui/Button';
import { PrivacyNotice } from '@/ui/PrivacyNotice';
import { TextField } from '@/ui/Field';
import { Page } from '@/ui/Page';
import { Checkbox } from '@/ui/Toggle';
import { isH5 } from '@/platform/env';
import { fetchPrivacyNotice, giveConsent, login, signup, wechatLogin } from '@/features/auth/service';
import { attempt, type ApiError } from '@/platform/request';
import { a11y, cx, keyActivate } from '@/platform/a11y';
import { normalizeCode } from '@/features/org/community';
import { safeRedirect } from '@/platform/nav';
import {
  hasErrors,
  toSignupRequest,
  validateLogin,
  validateSignup,
  type FormErrors,
  type LoginForm,
  type SignupForm,
} from '@/platform/validation';
import './index.css';

type Mode = 'login' | 'signup';

function goAfterLogin(redirect: string | null): void {
  const url = redirect ?? PAGES.home;
  Promise.resolve(Taro.reLaunch({ url })).catch(() => undefined);
}

/** Community code carried by the redirect (signing up from a community QR code). */
function communityFromRedirect(redirect: string | null): string | null {
  if (!redirect) return null;
  const m = /[?&]community=([^&]+)/.exec(redirect);
  return m ? normalizeCode(m[1]) : null;
}

function fieldErrorsFrom<K extends string>(error: ApiError, fields: K[]): FormErrors<K> {
  const out: FormErrors<K> = {};
  for (const f of fields) {
    const msg = error.fieldMessage(f);
    if (msg) out[f] = msg;
  }
  return out;
}

function ModeTabs({ mode, onChange }: { mode: Mode; onChange: (m: Mode) => void }) {
  const tabs: { key: Mode; label: string }[] = [
    { key: 'login', label: '登录' },
    { key: 'signup', label: '注册' },
  ];
  return (
    <View className='tabs' {...a11y('登录或注册')}>
      {tabs.map((t) => {
        const on = t.key === mode;
        const select = () => onChange(t.key);
        return (
          <View
            key={t.key}
            className={cx('tab', on && 'on')}
            onClick={select}
            {...a11y(`${t.label}${on ? '（当前）' : ''}`, { role: 'button', selected: on })}
            {...keyActivate(select)}
          >
            <Text>{t.label}</Text>
          </View>
        );
      })}
    </View>
  );
}

export default function LoginPage() {
  const router = useRouter();
  const redirect = safeRedirect(router.params?.redirect);
  const communityCode = communityFromRedirect(redirect);
  const h5 = isH5();

  const [mode, setMode] = useState<Mode>('login');
  const [showPasswordLogin, setShowPasswordLogin] = useState(h5);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState('');

  const [loginForm, setLoginForm] = useState<LoginForm>({ phone: '', password: '' });
  const [loginErrors, setLoginErrors] = useState<FormErrors<keyof LoginForm>>({});

  const [signupForm, setSignupForm] = useState<SignupForm>({ name: '', phone: '', password: '', confirmPassword: '', consent: false });
  const [signupErrors, setSignupErrors] = useState<FormErrors<keyof SignupForm>>({});
  const [notice, setNotice] = useState<PrivacyNoticeDto | null>(null);
  const [noticeError, setNoticeError] = useState('');

  const loadNotice = async () => {
    setNoticeError('');
    const r = await attempt(fetchPrivacyNotice());
    if (r.ok) setNotice(r.data);
    else setNoticeError(`隐私政策加载失败：${r.error.message}`);
  };

  const switchMode = (m: Mode) => {
    setMode(m);
    setFormError('');
    if (m === 'signup' && !notice) void loadNotice();
  };

  const doWechatLogin = async () => {
    setBusy(true);
    setFormError('');
    const r = await attempt(wechatLogin());
    setBusy(false);
    if (r.ok) goAfterLogin(redirect);
    else setFormError(r.error.message);
  };

  const doLogin = async () => {
    const errors = validateLogin(loginForm);
    setLoginErrors(errors);
    setFormError('');
    if (hasErrors(errors)) return;
    setBusy(true);
    const r = await attempt(login({ phone: loginForm.phone.trim(), password: loginForm.password }));
    setBusy(false);
    if (r.ok) {
      goAfterLogin(redirect);
      return;
    }
    setLoginErrors(fieldErrorsFrom(r.error, ['phone', 'password']));
    setFormError(r.error.message);
  };

  const doSignup = async () => {
    const errors = validateSignup(signupForm);
    setSignupErrors(errors);
    setFormError('');
    if (hasErrors(errors)) return;
    if (!notice) {
      setSignupErrors({ consent: '隐私政策未能加载，请稍后重试' });
      return;
    }
    setBusy(true);
    const r = await attempt(signup(toSignupRequest(signupForm, communityCode)));
    if (!r.ok) {
      setBusy(false);
      setSignupErrors(fieldErrorsFrom(r.error, ['name', 'phone', 'password']));
      setFormError(r.error.message);
      return;
    }
    // Record the consent given on this form; the account works even if this fails.
    await attempt(giveConsent(notice.version));
    setBusy(false);
    goAfterLogin(redirect);
  };

  return (
    <Page title={mode === 'login' ? '登录双报到' : '注册账号'}>
      {redirect ? (
        <View className='notice'>
          <Text>{communityCode ? '登录或注册后继续社区报到。' : '请先登录，登录后回到刚才的页面。'}</Text>
        </View>
      ) : null}

      {formError ? (
        <View className='notice notice-error' {...a11y(undefined, { role: 'alert' })}>
          <Text>{formError}</Text>
        </View>
      ) : null}

      {!h5 ? (
        <View className='card'>
          <Btn onClick={doWechatLogin} loading={busy && !showPasswordLogin} loadingText='正在登录…'>
            微信一键登录
          </Btn>
          <Text className='t-s t-muted block mt-24'>
            使用当前微信账号登录，无需输入密码。
          </Text>
          {!showPasswordLogin ? (
            <LinkAction onClick={() => setShowPasswordLogin(true)}>使用手机号和密码登录</LinkAction>
          ) : null}
        </View>
      ) : null}

      {showPasswordLogin ? (
        <View className='card'>
          {h5 ? <ModeTabs mode={mode} onChange={switchMode} /> : null}

          {mode === 'login' ? (
            <View>
              <TextField
                label='手机号'
                kind='phone'
                maxLength={11}
                value={loginForm.phone}
                placeholder='请输入11位手机号'
                onChange={(phone) => setLoginForm({ ...loginForm, phone })}
                error={loginErrors.phone}
                required
              />
              <TextField
                label='密码'
                kind='password'
                maxLength={64}
                value={loginForm.password}
                placeholder='请输入密码'
                onChange={(password) => setLoginForm({ ...loginForm, password })}
                error={loginErrors.password}
                required
              />
              <Btn onClick={doLogin} loading={busy} loadingText='正在登录…'>
                登录
              </Btn>
              <Text className='t-s t-muted block mt-32'>
                连续输错5次密码，账号将锁定15分钟。
              </Text>
            </View>
          ) : (
            <View>
              <TextField
                label='姓名'
                value={signupForm.name}
                maxLength={20}
                placeholder='请输入真实姓名'
                onChange={(name) => setSignupForm({ ...signupForm, name })}
                error={signupErrors.name}
                required
              />
              <TextField
                label='手机号'
                kind='phone'
                maxLength={11}
                value={signupForm.phone}
                placeholder='请输入11位手机号'
                onChange={(phone) => setSignupForm({ ...signupForm, phone })}
                error={signupErrors.phone}
                required
              />
              <TextField
                label='设置密码'
                kind='password'
                maxLength={64}
                value={signupForm.password}
                placeholder={`至少${PASSWORD_MIN_LENGTH}位`}
                hint='至少8位，包含大写字母、小写字母、数字、符号中的三类'
                onChange={(password) => setSignupForm({ ...signupForm, password })}
                error={signupErrors.password}
                required
              />
              <TextField
                label='确认密码'
                kind='password'
                maxLength={64}
                value={signupForm.confirmPassword}
                placeholder='请再次输入密码'
                onChange={(confirmPassword) => setSignupForm({ ...signupForm, confirmPassword })}
                error={signupErrors.confirmPassword}
                required
              />
              <PrivacyNotice notice={notice} error={noticeError} onRetry={loadNotice} />
              <Checkbox
                checked={signupForm.consent}
                onChange={(consent) => setSignupForm({ ...signupForm, consent })}
                label={`我已阅读并同意${notice?.title ?? '隐私政策'}`}
              >
                <Text>{`我已阅读并同意《${notice?.title ?? '隐私政策'}》`}</Text>
              </Checkbox>
              {signupErrors.consent ? (
                <Text className='field-error' {...a11y(undefined, { role: 'alert' })}>{`！${signupErrors.consent}`}</Text>
              ) : null}
              <View className='mt-48'>
                <Btn onClick={doSignup} loading={busy} loadingText='正在注册…'>
                  注册并登录
                </Btn>
              </View>
            </View>
          )}
        </View>
      ) : null}
    </Page>
  );
}
