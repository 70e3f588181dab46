import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCode, type ErrorBody, type FieldError } from '@sbd/contracts';

/** An error with the one body shape `{ code, message, details }`; message in Chinese. */
export class AppError extends HttpException {
  constructor(status: HttpStatus, code: ErrorCode, message: string, details?: FieldError[]) {
    const body: ErrorBody = { code, message, details: details ?? [] };
    super(body, status);
  }
}

/**
 * The seconds an error's response asks the client to wait (`Retry-After`), or null: set by the
 * exception filter for any error that carries `retryAfterSeconds` (TooManyRequestsError).
 */
export function retryAfterOf(err: unknown): number | null {
  const seconds = err instanceof AppError ? (err as { retryAfterSeconds?: unknown }).retryAfterSeconds : undefined;
  return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds : null;
}

export const badRequest = (message: string, field?: string) =>
  new AppError(HttpStatus.BAD_REQUEST, ErrorCode.ValidationFailed, message, field ? [{ field, message }] : undefined);
export const unauthenticated = (message = '请先登录') =>
  new AppError(HttpStatus.UNAUTHORIZED, ErrorCode.Unauthenticated, message);
export const forbidden = (message = '没有权限执行此操作') =>
  new AppError(HttpStatus.FORBIDDEN, ErrorCode.Forbidden, message);
export const notFound = (message = '记录不存在') => new AppError(HttpStatus.NOT_FOUND, ErrorCode.NotFound, message);
export const conflict = (message: string) => new AppError(HttpStatus.CONFLICT, ErrorCode.Conflict, message);
export const illegalTransition = (message: string) =>
  new AppError(HttpStatus.CONFLICT, ErrorCode.IllegalTransition, message);
