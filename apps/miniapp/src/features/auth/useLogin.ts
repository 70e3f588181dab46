import { useState } from 'react';
import Taro from '@tarojs/taro';
import { PAGES, type PrivacyNoticeDto } from '@sbd/contracts';
import { isH5 } from '@/platform/env';
import { attempt, type ApiError } from '@/platform/request';
import { hasErrors, type FormErrors } from '@/platform/validation';
import { toSignupRequest, validateLogin, validateSignup, type LoginForm, type SignupForm } from './form';
import { useAction } from '@/ui/hooks/useAction';
import { normalizeCode } from '@/features/org/community';
import { fetchPrivacyNotice, login, signup, wechatLogin } from './service';

export type Mode = 'login' | 'signup';

function goAfterLogin(redirect: string | null): void {
  const url = redirect ?? PAGES.home;
  Promise.resolve(Taro.reLaunch({ url })).catch(() => undefined);
}

/** Community code carried by the redirect (signing up from a community QR code). */
export function communityFromRedirect(redirect: string | null): string | null {
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

/**
 * State and actions of the login page: WeChat login (weapp), phone + password login, sign-up with
 * the privacy notice. Both forms keep what was typed while the user switches between them; one
 * busy flag for all three buttons; errors of the API go to `formError` (the requests are quiet).
 */
export function useLogin(redirect: string | null) {
  const communityCode = communityFromRedirect(redirect);
  const [mode, setMode] = useState<Mode>('login');
  const [showPasswordLogin, setShowPasswordLogin] = useState(isH5());
  const action = useAction();
  const [formError, setFormError] = useState('');

  const [loginForm, setLoginForm] = useState<LoginForm>({ phone: '', password: '' });
  const [loginErrors, setLoginErrors] = useState<FormErrors<keyof LoginForm>>({});

  const [signupForm, setSignupForm] = useState<SignupForm>({
    name: '',
    phone: '',
    password: '',
    confirmPassword: '',
    consent: false,
  });
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
    setFormError('');
    await action.run(() => wechatLogin(), {
      errorToast: false,
      onSuccess: () => goAfterLogin(redirect),
      onError: (e) => setFormError(e.message),
    });
  };

  const doLogin = async () => {
    const errors = validateLogin(loginForm);
    setLoginErrors(errors);
    setFormError('');
    if (hasErrors(errors)) return;
    await action.run(() => login({ phone: loginForm.phone.trim(), password: loginForm.password }), {
      errorToast: false,
      onSuccess: () => goAfterLogin(redirect),
      onError: (e) => {
        setLoginErrors(fieldErrorsFrom(e, ['phone', 'password']));
        setFormError(e.message);
      },
    });
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
    await action.run(
      async () => {
        // The consent given on this form is recorded with the account, before the phone is kept.
        await signup(toSignupRequest(signupForm, notice.version, communityCode));
      },
      {
        errorToast: false,
        onSuccess: () => goAfterLogin(redirect),
        onError: (e) => {
          setSignupErrors(fieldErrorsFrom(e, ['name', 'phone', 'password']));
          setFormError(e.message);
        },
      },
    );
  };

  return {
    communityCode,
    mode,
    switchMode,
    showPasswordLogin,
    setShowPasswordLogin,
    busy: !!action.busy,
    formError,
    loginForm,
    setLoginForm,
    loginErrors,
    signupForm,
    setSignupForm,
    signupErrors,
    notice,
    noticeError,
    loadNotice,
    doWechatLogin,
    doLogin,
    doSignup,
  };
}

export type LoginState = ReturnType<typeof useLogin>;
