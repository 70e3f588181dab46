import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the database layer and the audit log may ask about the request they work for. */
export interface RequestContext {
  /** The client closed the connection before the response was written. */
  clientGone(): boolean;
  /** The client's address as Express sees it (`X-Forwarded-For` only behind a loopback proxy). */
  ip(): string | null;
  /** The request's id, also answered in `X-Request-Id`. */
  requestId(): string;
  /**
   * Where reads without a transaction go: 'replica' only while a route that tolerates lag runs for
   * a caller without a recent write, and the replica is within its bound (database/replica).
   */
  reads: 'primary' | 'replica';
}

const storage = new AsyncLocalStorage<RequestContext>();
const ids = new WeakMap<IncomingMessage, string>();
const contexts = new WeakMap<object, RequestContext>();
/** What a proxy may send as X-Request-Id and we keep (nginx's $request_id, a UUID, …). */
const WELL_FORMED_ID = /^[A-Za-z0-9._:-]{8,64}$/;
/** Requests that change nothing: they run without an ambient context (see runWithRequestContext). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The current request, if any (background jobs have none): ambient for requests that may write
 * and while a route runs in its request's context (`runInRequestContext`); otherwise code that
 * has an object made for the request (its Principal) finds it with `requestContextOf`.
 */
export const currentRequest = (): RequestContext | undefined => storage.getStore();

/** The context of a request, or of an object tied to one (`tieToRequest`), whether or not ambient. */
export const requestContextOf = (owner: unknown): RequestContext | undefined =>
  owner !== null && typeof owner === 'object' ? contexts.get(owner) : undefined;

/** Ties `owner`, an object made for one request only (its Principal), to that request's context. */
export function tieToRequest(owner: object, req: IncomingMessage): void {
  const ctx = contexts.get(req);
  if (ctx) contexts.set(owner, ctx);
}

/** Runs `fn` with the request's context as the current one (for reads that must see it: the replica routing). */
export function runInRequestContext<T>(req: IncomingMessage, fn: () => T): T {
  const ctx = contexts.get(req);
  return ctx && storage.getStore() !== ctx ? storage.run(ctx, fn) : fn();
}

/**
 * A request's id: a well-formed `X-Request-Id` from the proxy in front, else a fresh UUID; the
 * same for every caller (the request log, the audit log, the response header).
 */
export function requestIdOf(req: IncomingMessage): string {
  let id = ids.get(req);
  if (!id) {
    const given = req.headers['x-request-id'];
    id = typeof given === 'string' && WELL_FORMED_ID.test(given) ? given : randomUUID();
    ids.set(req, id);
  }
  return id;
}

/**
 * Gives the request its context, one that notices when the client goes away (Express middleware
 * body). Requests that may write (not GET, HEAD or OPTIONS) run with it as the ambient context, for
 * their transactions (not started once the client has gone) and audit rows (ip, request id). Reads
 * do not: on Node 20 an AsyncLocalStorage context runs a hook for every promise of the request (the
 * feed's hottest path); their audit rows find the context through the Principal (`tieToRequest`), and
 * the replica routing runs lag-tolerant routes in it (`runInRequestContext`).
 */
export function runWithRequestContext(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  let gone = false;
  res.once('close', () => {
    if (!res.writableFinished) gone = true;
  });
  const requestId = requestIdOf(req);
  res.setHeader('X-Request-Id', requestId);
  const ctx: RequestContext = {
    clientGone: () => gone || (req.socket?.destroyed ?? false),
    // Express's `req.ip` honours `trust proxy`; a bare IncomingMessage falls back to the socket.
    ip: () => (req as IncomingMessage & { ip?: string }).ip ?? req.socket?.remoteAddress ?? null,
    requestId: () => requestId,
    reads: 'primary',
  };
  contexts.set(req, ctx);
  if (SAFE_METHODS.has(req.method ?? 'GET')) next();
  else storage.run(ctx, next);
}
