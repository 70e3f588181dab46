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
}

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
