import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { ServerResponse } from 'node:http';
import { finalize, Observable } from 'rxjs';
import { requestContextOf, runInRequestContext } from '../../lifecycle/request-context';
import { LAST_WRITE_HEADER, ReadRouting } from './read-routing.service';
import { READS_MAY_LAG } from './reads-may-lag';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * With a replica configured: stamps every response to a write request with `X-Last-Write`, and
 * runs a `@ReadsMayLag()` route's reads on the replica when the caller's echoed stamp is old (or
 * absent) and the replica is within its bound. Without a replica it does nothing.
 */
@Injectable()
export class ReadRoutingInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly routing: ReadRouting,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http' || !this.routing.enabled) return next.handle();
    const http = ctx.switchToHttp();
    const req = http.getRequest<Request>();
    if (!SAFE_METHODS.has(req.method)) {
      stampWrite(http.getResponse<Response>());
      return next.handle();
    }
    const context = requestContextOf(req);
    const lagOk = this.reflector.getAllAndOverride<boolean>(READS_MAY_LAG, [ctx.getHandler(), ctx.getClass()]);
    if (!context || !lagOk || !this.routing.mayUseReplica(req.headers[LAST_WRITE_HEADER.toLowerCase()])) {
      return next.handle();
    }
    context.reads = 'replica';
    // Reads have no ambient context (request-context.ts): the handler runs in this one, so the
    // database layer sees `reads: 'replica'`. Nest binds the handler to where handle() is called.
    return new Observable<unknown>((subscriber) =>
      runInRequestContext(req, () =>
        next
          .handle()
          .pipe(finalize(() => (context.reads = 'primary')))
          .subscribe(subscriber),
      ),
    );
  }
}

/** Sets the stamp when the response starts: after the handler's transaction has committed. */
function stampWrite(res: Response): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent) this.setHeader(LAST_WRITE_HEADER, String(Date.now()));
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.writeHead;
}
