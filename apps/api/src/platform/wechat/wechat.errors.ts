/** An error answered by WeChat's API (`errcode` ≠ 0) or a failure to reach it. */
export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly endpoint: string,
  ) {
    super(`WeChat ${endpoint} failed: ${errcode} ${errmsg}`);
  }

  /** Network failure, timeout or WeChat's own "system busy" (-1). */
  get unavailable(): boolean {
    return this.errcode === -1 || this.errcode === WECHAT_UNREACHABLE;
  }
}

/** Our own code for "could not reach WeChat at all" (network error or timeout). */
export const WECHAT_UNREACHABLE = -9999;

/** Documented error codes we act on. */
export const WechatErrcode = {
  SystemBusy: -1,
  InvalidCredential: 40001,
  InvalidCode: 40029,
  CodeUsed: 40163,
  AccessTokenExpired: 42001,
  RateLimited: 45011,
  UserNotSubscribed: 43101,
  RiskyContent: 87014,
} as const;
