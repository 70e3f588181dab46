/** The one error body shape every failing request answers with. */
export interface ErrorBody {
  code: ErrorCode;
  /** Chinese, for users. */
  message: string;
  details?: FieldError[];
}

export interface FieldError {
  field: string;
  message: string;
}

export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedBody = 'MALFORMED_BODY',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  IllegalTransition = 'ILLEGAL_TRANSITION',
  /** Personal data was posted by an account that has not accepted the current privacy notice. */
  ConsentRequired = 'CONSENT_REQUIRED',
  AccountLocked = 'ACCOUNT_LOCKED',
  RateLimited = 'RATE_LIMITED',
  /** Our own rate limits and quotas (429 with Retry-After); RATE_LIMITED is WeChat's. */
  TooManyRequests = 'TOO_MANY_REQUESTS',
  UpstreamUnavailable = 'UPSTREAM_UNAVAILABLE',
  UpstreamRejected = 'UPSTREAM_REJECTED',
  /** The database did not answer in time or is unreachable (503 with Retry-After). */
  DatabaseUnavailable = 'DATABASE_UNAVAILABLE',
  /** The server lacks what a feature needs (e.g. a Chinese font for posters): 503 until an admin adds it. */
  NotConfigured = 'NOT_CONFIGURED',
  /** The district roll-ups are being built in the background (503 with Retry-After): ask again shortly. */
  StatsBuilding = 'STATS_BUILDING',
  Internal = 'INTERNAL',
}

/** Page of a keyset-paginated list. */
export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page; null when this is the last one. */
  nextCursor: string | null;
}

/** Keyset paging by id, newest first: `cursor` is the previous page's `nextCursor`. */
export interface PageQuery {
  cursor?: string;
  limit?: number;
}

/** The body of an action that needs nothing but may carry a note. */
export interface NoteRequest {
  note?: string;
}

export const SESSION_EXPIRED_MESSAGE = '登录已过期，请重新登录';

/** What to tell a user when a failed answer carries no message of its own (status 0: no network). */
const STATUS_MESSAGES: Readonly<Record<number, string>> = {
  0: '网络连接不可用，请检查网络',
  400: '请求内容有误，请检查后重试',
  401: SESSION_EXPIRED_MESSAGE,
  403: '没有权限执行此操作',
  404: '请求的内容不存在',
  409: '操作冲突，请刷新后重试',
  413: '提交的内容过大',
  422: '提交的内容有误，请检查后重试',
  423: '账号已锁定，请稍后再试',
  429: '操作太频繁，请稍后再试',
};

export function statusMessage(status: number): string {
  if (STATUS_MESSAGES[status]) return STATUS_MESSAGES[status];
  if (status >= 500) return '服务暂时不可用，请稍后再试';
  return `请求失败（${status}）`;
}

/** The Chinese message for a failed answer: the first field's message, then the body's, then by status. */
export function errorMessageOf(status: number, body: Partial<ErrorBody> | null | undefined): string {
  const detail = Array.isArray(body?.details)
    ? body.details.find((d) => d && typeof d.message === 'string' && d.message)
    : undefined;
  if (detail) return detail.message;
  if (typeof body?.message === 'string' && body.message.trim()) return body.message;
  return statusMessage(status);
}
