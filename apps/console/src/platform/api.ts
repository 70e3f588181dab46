import {
  errorMessageOf,
  pathOf,
  statusMessage,
  ROUTES,
  type AnyRoute,
  type FieldError,
  type ParamsOf,
  type PathParamNames,
  type QueryOf,
  type RequestOf,
  type ResponseOf,
} from '@sbd/contracts';
import { endSession, getSession, saveTokens } from './session';

/**
 * The console's one request layer, typed from the contracts' route table, with the same
 * conventions as the mini-program: bearer token, one shared silent refresh on 401, and the API's
 * Chinese error message (first field error first) on every failure.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldError[] = [],
    /** The whole JSON body of the refusal (an import's per-row report travels in it). */
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export { statusMessage };

async function toError(res: Response): Promise<ApiError> {
  let body: { code?: unknown; message?: unknown; details?: unknown } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // not JSON: fall back to the status message
  }
  const details = Array.isArray(body.details) ? (body.details as FieldError[]) : [];
  const message = errorMessageOf(res.status, { message: body.message as string | undefined, details });
  const code = typeof body.code === 'string' ? body.code : `HTTP_${res.status}`;
  return new ApiError(res.status, code, message, details, body);
}

type QueryValue = string | number | boolean | null | undefined;

export interface CallOptions<R extends AnyRoute> {
  params?: ParamsOf<R>;
  query?: QueryOf<R> extends never ? never : QueryOf<R>;
  body?: RequestOf<R> extends never ? never : RequestOf<R>;
  /** Send without the access token (sign-in). */
  anonymous?: boolean;
}

function urlOf<R extends AnyRoute>(route: R, opts: CallOptions<R>): string {
  const path = (pathOf as (r: AnyRoute, p?: unknown) => string)(route, opts.params);
  const query = Object.entries((opts.query ?? {}) as Record<string, QueryValue>).filter(
    ([, v]) => v !== undefined && v !== null && v !== '',
  );
  return query.length ? `${path}?${new URLSearchParams(query.map(([k, v]) => [k, String(v)]))}` : path;
}

let refreshing: Promise<boolean> | null = null;

/** One refresh for every request that got a 401 at the same time. */
function refresh(): Promise<boolean> {
  const session = getSession();
  if (!session) return Promise.resolve(false);
  refreshing ??= fetch(ROUTES.auth.refresh.path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken: session.refreshToken }),
  })
    .then(async (res) => {
      if (!res.ok) return false;
      saveTokens((await res.json()) as ResponseOf<typeof ROUTES.auth.refresh>);
      return true;
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

async function send(route: AnyRoute, url: string, body: unknown, anonymous: boolean): Promise<Response> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = anonymous ? null : getSession()?.accessToken;
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(url, {
      method: route.method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', statusMessage(0));
  }
}

/** Calls one route of the table: `call(ROUTES.registrations.approve, { params: { id }, body: {} })`. */
export async function call<R extends AnyRoute>(
  route: R,
  ...[opts]: PathParamNames<R['path']> extends never ? [CallOptions<R>?] : [CallOptions<R> & { params: ParamsOf<R> }]
): Promise<ResponseOf<R>> {
  const o = (opts ?? {}) as CallOptions<R>;
  const url = urlOf(route, o);
  let res = await send(route, url, o.body, !!o.anonymous);
  if (res.status === 401 && !o.anonymous && (await refresh())) res = await send(route, url, o.body, false);
  if (res.status === 401 && !o.anonymous) endSession();
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as ResponseOf<R>;
  return (await res.json()) as ResponseOf<R>;
}

/** Downloads a file route (xlsx exports) with the session's token and saves it as `filename`. */
export async function download<R extends AnyRoute>(route: R, opts: CallOptions<R>, filename: string): Promise<void> {
  const url = urlOf(route, opts);
  let res = await send(route, url, undefined, false);
  if (res.status === 401 && (await refresh())) res = await send(route, url, undefined, false);
  if (!res.ok) throw await toError(res);
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(href);
}

/** Uploads one file as the multipart field `file` (imports); a refusal's body is on the error as `body`. */
export async function upload<R extends AnyRoute>(route: R, opts: CallOptions<R>, file: Blob, filename: string) {
  const url = urlOf(route, opts);
  const post = async () => {
    const form = new FormData();
    form.append('file', file, filename);
    const token = getSession()?.accessToken;
    try {
      return await fetch(url, {
        method: route.method,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        body: form,
      });
    } catch {
      throw new ApiError(0, 'NETWORK', statusMessage(0));
    }
  };
  let res = await post();
  if (res.status === 401 && (await refresh())) res = await post();
  if (res.status === 401) endSession();
  if (!res.ok) throw await toError(res);
  return (await res.json()) as ResponseOf<R>;
}
