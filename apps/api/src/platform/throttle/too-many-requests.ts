import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@sbd/contracts';
import { AppError } from '../errors/app-errors';

export const TOO_MANY_REQUESTS_MESSAGE = '操作太频繁，请稍后再试';

/** 429 `{ code: 'TOO_MANY_REQUESTS', message, details: [] }`; the response carries Retry-After. */
export class TooManyRequestsError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message = TOO_MANY_REQUESTS_MESSAGE,
  ) {
    super(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.TooManyRequests, message, []);
  }
}
