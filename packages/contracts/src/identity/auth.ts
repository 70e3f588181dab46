import type { RoleAssignment } from '../platform/roles';

export interface TokenPair {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
}

export interface LoginRequest {
  phone: string;
  password: string;
}

export interface SignupRequest {
  phone: string;
  password: string;
  name: string;
  /** Community code from the QR code; makes the account a resident there. */
  communityCode?: string;
  /** The version of the privacy notice (GET /api/privacy-notice) the person accepted on the form. */
  consentVersion: string;
}

/**
 * What sign-up answers (202), the same whether the phone was new (the account is created) or
 * already registered (nothing changes), so sign-up does not tell who has an account. The client
 * then logs in with the same phone and password.
 */
export interface SignupAcceptedResponse {
  message: string;
}

export const SIGNUP_ACCEPTED_MESSAGE = '如果该手机号尚未注册，账号已创建，请使用手机号和密码登录';

export interface WechatLoginRequest {
  code: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface LoginResponse extends TokenPair {
  user: MeDto;
}

export interface MeDto {
  id: number;
  name: string;
  /** The owner sees their own phone in full. */
  phone: string | null;
  hasWechat: boolean;
  roles: RoleAssignment[];
  consentVersion: string | null;
  consentAt: string | null;
}

export interface ConsentRequest {
  version: string;
}

export interface PrivacyNoticeDto {
  version: string;
  title: string;
  body: string;
}

export const PASSWORD_MIN_LENGTH = 8;
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_LOCK_MINUTES = 15;
