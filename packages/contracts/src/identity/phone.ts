/* ───────────── verified phone numbers (手机号验证) ───────────── */

export enum PhoneVerificationMethod {
  /** WeChat's phone-number button (getPhoneNumber → getuserphonenumber). */
  Wechat = 'wechat',
  /** A code sent by SMS (H5). */
  Sms = 'sms',
}

/** How long a verified phone may be used for a registration. */
export const PHONE_PROOF_TTL_MINUTES = 30;
export const SMS_CODE_DIGITS = 6;
/** Wrong guesses a code survives; the next one needs a new code. */
export const SMS_CODE_MAX_ATTEMPTS = 5;

/** The `code` the getPhoneNumber button hands the mini-program (valid 5 minutes, once). */
export interface WechatPhoneRequest {
  code: string;
}

export interface SendSmsCodeRequest {
  phone: string;
}

export interface SmsCodeSentDto {
  /** The code expires after this many seconds. */
  expiresInSeconds: number;
  /**
   * Only in development and demos without an SMS provider (SMS_PROVIDER=log, refused in
   * production): the code itself, which is also written to the API's log.
   */
  devCode?: string;
}

export interface CheckSmsCodeRequest {
  phone: string;
  code: string;
}

/** A phone proven to belong to the caller; a registration must use this number. */
export interface VerifiedPhoneDto {
  /** In full: only its owner sees it. */
  phone: string;
  method: PhoneVerificationMethod;
  /** The proof expires at this time (ISO): register before it. */
  expiresAt: string;
}
