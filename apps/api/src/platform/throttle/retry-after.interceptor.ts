import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, type Observable, throwError } from 'rxjs';
import { TooManyRequestsError } from './too-many-requests';

/** A 429 thrown by a service (e.g. the upload quota) gets its Retry-After header here. */
@Injectable()
export class RetryAfterInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (err instanceof TooManyRequestsError && ctx.getType() === 'http') {
          const res = ctx.switchToHttp().getResponse<Response>();
          if (!res.headersSent) res.setHeader('Retry-After', String(err.retryAfterSeconds));
        }
        return throwError(() => err);
      }),
    );
  }
}
