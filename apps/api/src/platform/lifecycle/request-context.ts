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
/** What a proxy may send as X-Request-Id and we keep (nginx's $request_id, a UUID, …). */
const WELL_FORMED_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** The current request, if any (background jobs have none). */
export const currentRequest = (): RequestContext | undefined => storage.getStore();

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

/** Runs `next` with a context that notices when the client goes away (Express middleware body). */
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
  storage.run(ctx, next);
}
