import Taro from '@tarojs/taro';
import {
  ErrorCode,
  errorMessageOf,
  SESSION_EXPIRED_MESSAGE,
  statusMessage,
  pathOf,
  ROUTES,
  type AnyRoute,
  type ErrorBody,
  type FieldError,
  type ParamsOf,
  type PathParamNames,
  type QueryOf,
  type RequestOf,
  type ResponseOf,
} from '@sbd/contracts';
import { apiBaseUrl, REQUEST_TIMEOUT_MS } from './env';
import { toast } from './feedback';
import { goLogin } from './nav';
import { clearSession, getSession, saveTokens } from './session';

/**
 * The one request layer: Taro.request with the access token attached, one silent refresh on 401
 * (shared by concurrent requests), Chinese messages from the API error body, offline/timeout
 * detection and error toasts. Every failure is thrown as an ApiError; use `attempt()` to get a
 * result object instead of try/catch.
 */

export const OFFLINE_MESSAGE = '网络连接不可用，请检查网络';
export const TIMEOUT_MESSAGE = '请求超时，请稍后再试';
export { SESSION_EXPIRED_MESSAGE, statusMessage };
export const LOGIN_REQUIRED_MESSAGE = '请先登录';

export type ApiErrorKind = 'http' | 'network' | 'timeout';
export type ClientErrorCode = 'NETWORK' | 'TIMEOUT';

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode | string;
  readonly details: FieldError[];

  constructor(init: { kind: ApiErrorKind; status: number; code: string; message: string; details?: FieldError[] }) {
    super(init.message);
    this.name = 'ApiError';
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    Object.setPrototypeOf(this, ApiError.prototype);
  }

  /** Message of the first field error for `field`, for inline form errors. */
  fieldMessage(field: string): string | undefined {
    return this.details.find((d) => d.field === field)?.message;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return (
    e instanceof ApiError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ApiError')
  );
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: HttpMethod;
  data?: unknown;
  query?: Record<string, QueryValue>;
  /** Attach the access token and refresh it on 401 (default true). */
  auth?: boolean;
  /** Show a toast on failure (default true). */
  toast?: boolean;
  /** HTTP statuses the caller handles itself: no toast for these (e.g. 404 "none yet"). */
  quietStatuses?: number[];
  responseType?: 'json' | 'arraybuffer';
  timeout?: number;
  /**
   * When the session cannot be renewed, send the user to the login page (default true). Background
   * refreshes pass false: the session is cleared, the page stays.
   */
  loginOnExpiry?: boolean;
}

interface RawResponse {
  status: number;
  data: unknown;
}

function asErrorBody(data: unknown): Partial<ErrorBody> | null {
  if (data && typeof data === 'object' && !(data instanceof ArrayBuffer)) return data as Partial<ErrorBody>;
  if (data instanceof ArrayBuffer) return decodeJson(data);
  if (typeof data === 'string' && data.startsWith('{')) {
    try {
      return JSON.parse(data) as Partial<ErrorBody>;
    } catch {
      return null;
    }
  }
  return null;
}

function decodeJson(buf: ArrayBuffer): Partial<ErrorBody> | null {
  try {
    if (typeof TextDecoder === 'undefined') return null;
    return JSON.parse(new TextDecoder('utf-8').decode(buf)) as Partial<ErrorBody>;
  } catch {
    return null;
  }
}

/** Chinese message for a failed response: details[0].message, then message, then by status. */
export function messageFromResponse(status: number, data: unknown): string {
  return errorMessageOf(status, asErrorBody(data));
}

export function httpError(status: number, data: unknown): ApiError {
  const body = asErrorBody(data);
  return new ApiError({
    kind: 'http',
    status,
    code: typeof body?.code === 'string' ? body.code : `HTTP_${status}`,
    message: messageFromResponse(status, data),
    details: Array.isArray(body?.details) ? body.details.filter((d) => d && typeof d.message === 'string') : [],
  });
}

/** Taro.request rejects (no response) on timeouts and network failures; tell them apart. */
export function transportError(err: unknown): ApiError {
  const e = (err ?? {}) as { errMsg?: unknown; message?: unknown; name?: unknown };
  const text = [e.errMsg, e.message, e.name].filter((x) => typeof x === 'string').join(' ');
  if (/time(d)?\s?out|abort/i.test(text)) {
    return new ApiError({ kind: 'timeout', status: 0, code: 'TIMEOUT', message: TIMEOUT_MESSAGE });
  }
  return new ApiError({ kind: 'network', status: 0, code: 'NETWORK', message: OFFLINE_MESSAGE });
}

/** Absolute URL of an API path with its query (empty values left out). */
export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const qs = query
    ? Object.entries(query)
        .filter(([, v]) => v !== undefined && v !== null && v !== '')
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
        .join('&')
    : '';
  const url = `${apiBaseUrl()}${path}`;
  return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url;
}

/**
 * Read-your-writes with a read replica: the API stamps every response to a write with
 * `X-Last-Write`, and a request that sends the stamp back reads from the primary database for a few
 * seconds, so what the user just did shows at once in lists and the feed. Kept in memory only: the
 * API ignores stamps older than the replica's lag bound.
 */
const LAST_WRITE = 'X-Last-Write';
let lastWrite: string | null = null;

/** The session's last write stamp as a request header (empty before any write). */
export function lastWriteHeader(): Record<string, string> {
  return lastWrite ? { [LAST_WRITE]: lastWrite } : {};
}

/** Keeps the stamp of a response's `X-Last-Write` header, if it has one (any letter case). */
export function rememberLastWrite(header: unknown): void {
  if (!header || typeof header !== 'object') return;
  for (const [name, value] of Object.entries(header as Record<string, unknown>)) {
    if (name.toLowerCase() === 'x-last-write' && typeof value === 'string' && /^\d{1,16}$/.test(value))
      lastWrite = value;
  }
}

/** Forgets the stamp (a new session). */
export function resetLastWrite(): void {
  lastWrite = null;
}

async function send(path: string, opts: RequestOptions, token: string | undefined): Promise<RawResponse> {
  const method = opts.method ?? 'GET';
  const header: Record<string, string> = { Accept: 'application/json', ...lastWriteHeader() };
  if (token) header.Authorization = `Bearer ${token}`;
  const hasBody = opts.data !== undefined && method !== 'GET';
  if (hasBody) header['Content-Type'] = 'application/json';
  try {
    const res = await Taro.request({
      url: buildUrl(path, opts.query),
      method,
      header,
      data: hasBody ? (opts.data as TaroGeneral.IAnyObject) : undefined,
      timeout: opts.timeout ?? REQUEST_TIMEOUT_MS,
      ...(opts.responseType === 'arraybuffer' ? { responseType: 'arraybuffer' as const } : { dataType: 'json' }),
    });
    rememberLastWrite(res.header);
    return { status: res.statusCode, data: res.data };
  } catch (err) {
    throw transportError(err);
  }
}

type RefreshOutcome = 'ok' | 'rejected';

let refreshing: Promise<RefreshOutcome> | null = null;

/**
 * Single flight: while one refresh is under way every caller awaits the same promise, so a burst
 * of concurrent 401s spends the (rotating) refresh token once. Throws a network/timeout ApiError
 * when the API cannot be reached (the session is kept then).
 */
export function refreshTokens(): Promise<RefreshOutcome> {
  if (!refreshing) {
    refreshing = doRefresh().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

async function doRefresh(): Promise<RefreshOutcome> {
  const refreshToken = getSession()?.refreshToken;
  if (!refreshToken) return 'rejected';
  const body: RequestOf<typeof ROUTES.auth.refresh> = { refreshToken };
  const res = await send(pathOf(ROUTES.auth.refresh), { method: ROUTES.auth.refresh.method, data: body }, undefined);
  const pair = res.data as ResponseOf<typeof ROUTES.auth.refresh> | null;
  if (res.status >= 200 && res.status < 300 && pair && typeof pair.accessToken === 'string') {
    saveTokens(pair);
    return 'ok';
  }
  return 'rejected';
}

/** Clears the session that could not be renewed (and goes to login): the error to throw. */
export function endSession(hadSession: boolean, toLogin: boolean): ApiError {
  clearSession();
  if (toLogin) goLogin();
  return new ApiError({
    kind: 'http',
    status: 401,
    code: ErrorCode.Unauthenticated,
    message: hadSession ? SESSION_EXPIRED_MESSAGE : LOGIN_REQUIRED_MESSAGE,
  });
}

async function execute<T>(path: string, opts: RequestOptions, retried: boolean): Promise<T> {
  const auth = opts.auth !== false;
  const token = auth ? getSession()?.accessToken : undefined;
  const res = await send(path, opts, token);

  if (res.status === 401 && auth) {
    const session = getSession();
    if (!retried && session?.refreshToken) {
      // Another request may have refreshed while this one was in flight.
      if (session.accessToken && session.accessToken !== token) return execute<T>(path, opts, true);
      const outcome = await refreshTokens();
      if (outcome === 'ok') return execute<T>(path, opts, true);
    }
    throw endSession(!!token, opts.loginOnExpiry !== false);
  }

  if (res.status >= 200 && res.status < 300) {
    return (res.status === 204 ? undefined : res.data) as T;
  }
  throw httpError(res.status, res.data);
}

let lastToast = { message: '', at: 0 };

/** Forget the last toast (tests; a fresh page). */
export function resetToastDedupe(): void {
  lastToast = { message: '', at: 0 };
}

/** Shows an error toast; identical messages within 1.5 s are shown once (bursts of failures). */
export function showErrorToast(message: string): void {
  const now = Date.now();
  if (message === lastToast.message && now - lastToast.at < 1500) return;
  lastToast = { message, at: now };
  toast(message, 'none', 2500);
}

function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return e;
  return new ApiError({ kind: 'http', status: 0, code: ErrorCode.Internal, message: '出错了，请稍后再试' });
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  try {
    return await execute<T>(path, opts, false);
  } catch (e) {
    const err = toApiError(e);
    const quiet = opts.toast === false || (err.status > 0 && (opts.quietStatuses ?? []).includes(err.status));
    if (!quiet) showErrorToast(err.message);
    throw err;
  }
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** Turns a request into a result object: never rejects. */
export async function attempt<T>(promise: Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, data: await promise };
  } catch (e) {
    return { ok: false, error: toApiError(e) };
  }
}

export const api = {
  get: <T>(path: string, opts: Omit<RequestOptions, 'method' | 'data'> = {}) =>
    request<T>(path, { ...opts, method: 'GET' }),
  post: <T>(path: string, data?: unknown, opts: Omit<RequestOptions, 'method' | 'data'> = {}) =>
    request<T>(path, { ...opts, method: 'POST', data: data ?? {} }),
  patch: <T>(path: string, data: unknown, opts: Omit<RequestOptions, 'method' | 'data'> = {}) =>
    request<T>(path, { ...opts, method: 'PATCH', data }),
  delete: <T = void>(path: string, opts: Omit<RequestOptions, 'method' | 'data'> = {}) =>
    request<T>(path, { ...opts, method: 'DELETE' }),
};

/* ───────────── typed calls from the route table ───────────── */

/** Options of a call besides what the route types (body, query, params). */
export type CallOptions = Omit<RequestOptions, 'method' | 'data' | 'query'>;

// `[X] extends [never]`: the route takes none; `Empty extends X`: every field optional, may be left out.
type Empty = Record<never, never>;
type BodyPart<R> = [RequestOf<R>] extends [never]
  ? { body?: never }
  : Empty extends RequestOf<R>
    ? { body?: RequestOf<R> }
    : { body: RequestOf<R> };
type QueryPart<R> = [QueryOf<R>] extends [never]
  ? { query?: never }
  : Empty extends QueryOf<R>
    ? { query?: QueryOf<R> }
    : { query: QueryOf<R> };
type ParamsPart<R extends AnyRoute> = [PathParamNames<R['path']>] extends [never]
  ? { params?: never }
  : { params: ParamsOf<R> };

/** What a call of route `R` takes: its body, query and path parameters, typed by the route table. */
export type CallInit<R extends AnyRoute> = BodyPart<R> & QueryPart<R> & ParamsPart<R> & CallOptions;
type CallArgs<R extends AnyRoute> = Empty extends CallInit<R> ? [init?: CallInit<R>] : [init: CallInit<R>];

/** The API path of a call: the route's path with its parameters filled. */
export function callPath<R extends AnyRoute>(route: R, params?: ParamsOf<R>): string {
  return (pathOf as (r: AnyRoute, p?: Record<string, string | number>) => string)(route, params);
}

/**
 * Calls one route of `ROUTES`: method and path from the table, body/query/response types from the
 * route (`RequestOf`, `QueryOf`, `ResponseOf`), through `request` (token, refresh, error toasts).
 * POST/PUT/PATCH without a body send `{}`.
 */
export function call<R extends AnyRoute>(route: R, ...[init]: CallArgs<R>): Promise<ResponseOf<R>> {
  const { body, query, params, ...opts } = (init ?? {}) as CallOptions & {
    body?: unknown;
    query?: object;
    params?: ParamsOf<R>;
  };
  const method = route.method;
  const data = method === 'GET' ? undefined : method === 'DELETE' ? body : (body ?? {});
  return request<ResponseOf<R>>(callPath(route, params), {
    ...opts,
    method,
    data,
    query: query as Record<string, QueryValue> | undefined,
  });
}
