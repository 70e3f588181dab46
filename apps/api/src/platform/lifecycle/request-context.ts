import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the database layer may ask about the request it works for. */
export interface RequestContext {
  /** The client closed the connection before the response was written. */
  clientGone(): boolean;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The request the current code runs for, if any (background jobs have none). */
export const currentRequest = (): RequestContext | undefined => storage.getStore();

/** Runs `next` with a context that notices when the client goes away (Express middleware body). */
export function runWithRequestContext(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  let gone = false;
  res.once('close', () => {
    if (!res.writableFinished) gone = true;
  });
  const ctx: RequestContext = { clientGone: () => gone || (req.socket?.destroyed ?? false) };
  storage.run(ctx, next);
}
