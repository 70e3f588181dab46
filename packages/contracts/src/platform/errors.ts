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
