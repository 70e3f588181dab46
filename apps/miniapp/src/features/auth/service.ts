import Taro from '@tarojs/taro';
import {
  ROUTES,
  type LoginRequest,
  type LoginResponse,
  type MeDto,
  type PrivacyNoticeDto,
  type SignupRequest,
} from '@sbd/contracts';
import { STORAGE_KEYS } from '@/platform/env';
import { onPrivacyAgreed } from '@/platform/privacy';
import { ApiError, call } from '@/platform/request';
import { clearSession, getSession, isLoggedIn, saveLogin, saveUser } from '@/platform/session';
import { readJson, removeKey, writeJson } from '@/platform/storage';

// Login and signup errors are shown inline by the login page, so no toast here.
export async function login(body: LoginRequest): Promise<LoginResponse> {
  const res = await call(ROUTES.auth.login, { body, auth: false, toast: false });
  saveLogin(res);
  void recordPrivacyAgreement();
  return res;
}

/**
 * Sign-up answers the same whether or not the phone was already registered (no enumeration), so
 * the app then logs in with the same phone and password; if that fails, the phone had an account.
 */
export async function signup(body: SignupRequest): Promise<LoginResponse> {
  await call(ROUTES.auth.signup, { body, auth: false, toast: false });
  try {
    return await login({ phone: body.phone, password: body.password });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      throw new ApiError({
        kind: 'http',
        status: 401,
        code: err.code,
        message: '注册未完成：该手机号可能已注册，请直接登录',
      });
    }
    throw err;
  }
}

/** weapp: Taro.login gives a one-time code, the API exchanges it for our tokens. */
export async function wechatLogin(): Promise<LoginResponse> {
  let code: string;
  try {
    code = (await Taro.login()).code;
  } catch {
    throw new ApiError({ kind: 'network', status: 0, code: 'WECHAT_LOGIN', message: '微信登录失败，请稍后再试' });
  }
  if (!code) throw new ApiError({ kind: 'http', status: 0, code: 'WECHAT_LOGIN', message: '微信登录失败，请稍后再试' });
  const res = await call(ROUTES.auth.wechat, { body: { code }, auth: false, toast: false });
  saveLogin(res);
  void recordPrivacyAgreement();
  return res;
}

/** Revokes the refresh token (best effort) and forgets the session locally in every case. */
export async function logout(): Promise<void> {
  const refreshToken = getSession()?.refreshToken;
  try {
    if (refreshToken) await call(ROUTES.auth.logout, { body: { refreshToken }, auth: false, toast: false });
  } catch {
    // The local session is cleared anyway.
  } finally {
    clearSession();
  }
}

/** `quiet`: a background refresh on page show — no toast, no jump to the login page. */
export async function fetchMe(quiet = false): Promise<MeDto> {
  const me = await call(ROUTES.users.me, { toast: !quiet, loginOnExpiry: !quiet });
  saveUser(me);
  return me;
}

export async function giveConsent(version: string): Promise<MeDto> {
  const me = await call(ROUTES.users.consent, { body: { version } });
  saveUser(me);
  return me;
}

/**
 * Records on the server (POST /api/me/consent, the current notice's version) that the user tapped
 * 同意 in WeChat's privacy dialog. app.tsx calls it once at start; returns the unsubscribe.
 */
export function recordConsentWhenAgreed(): () => void {
  // An agreement that could not be recorded last time (offline) is tried again at start.
  void recordPrivacyAgreement();
  return onPrivacyAgreed(() => {
    writeJson(STORAGE_KEYS.privacyAgreed, true);
    void recordPrivacyAgreement();
  });
}

/**
 * Records a remembered 同意 for the signed-in user: at once when signed in, otherwise right after
 * the next sign-in (login and wechatLogin call it). Skipped when the account has already accepted
 * the current version. Quiet: on failure the agreement stays remembered for the next sign-in.
 */
export async function recordPrivacyAgreement(): Promise<void> {
  if (!readJson<boolean>(STORAGE_KEYS.privacyAgreed) || !isLoggedIn()) return;
  try {
    const { version } = await call(ROUTES.users.privacyNotice, { auth: false, toast: false });
    if (getSession()?.user?.consentVersion !== version) {
      saveUser(await call(ROUTES.users.consent, { body: { version }, toast: false, loginOnExpiry: false }));
    }
    removeKey(STORAGE_KEYS.privacyAgreed);
  } catch {
    // Kept: recorded after the next sign-in.
  }
}

export function fetchPrivacyNotice(): Promise<PrivacyNoticeDto> {
  return call(ROUTES.users.privacyNotice, { auth: false });
}

export async function deleteAccount(): Promise<void> {
  await call(ROUTES.users.deleteMe);
  clearSession();
}
