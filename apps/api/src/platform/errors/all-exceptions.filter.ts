import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ErrorCode, type ErrorBody } from '@sbd/contracts';
import { IllegalTransitionError } from '@sbd/domain';
import type { Request, Response } from 'express';
import { QueryFailedError, UpdateValuesMissingError } from 'typeorm';
import { databaseFault, replyDatabaseUnavailable } from '../database/db-faults';
import { isDeadlock } from '../database/transaction-retry';
import { AppError, retryAfterOf } from './app-errors';

const STATUS_DEFAULTS: Partial<Record<number, { code: ErrorCode; message: string }>> = {
  400: { code: ErrorCode.ValidationFailed, message: '请求参数有误' },
  401: { code: ErrorCode.Unauthenticated, message: '请先登录' },
  403: { code: ErrorCode.Forbidden, message: '没有权限执行此操作' },
  404: { code: ErrorCode.NotFound, message: '请求的资源不存在' },
  405: { code: ErrorCode.NotFound, message: '不支持该请求方法' },
  406: { code: ErrorCode.MalformedBody, message: '无法提供所要求的内容格式' },
  408: { code: ErrorCode.MalformedBody, message: '请求超时，请重试' },
  409: { code: ErrorCode.Conflict, message: '操作冲突，请刷新后重试' },
  411: { code: ErrorCode.MalformedBody, message: '请求缺少内容长度' },
  413: { code: ErrorCode.PayloadTooLarge, message: '请求内容过大' },
  414: { code: ErrorCode.PayloadTooLarge, message: '请求地址过长' },
  415: { code: ErrorCode.UnsupportedMediaType, message: '不支持的请求内容类型' },
  422: { code: ErrorCode.ValidationFailed, message: '请求参数有误' },
  429: { code: ErrorCode.RateLimited, message: '请求过于频繁，请稍后再试' },
};
/** Any other 4xx: the request, not the server, is at fault. */
const CLIENT_ERROR = { code: ErrorCode.MalformedBody, message: '请求无法处理' };

/** The one shape, with `details` always a list: some throwers (and Nest's own exceptions) leave it out. */
const shaped = (body: ErrorBody): ErrorBody => ({ ...body, details: Array.isArray(body.details) ? body.details : [] });

function isUniqueViolation(err: QueryFailedError): boolean {
  const e = err as QueryFailedError & { code?: string; errno?: number };
  return (
    e.code === 'ER_DUP_ENTRY' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** Turns every error into `{ code, message, details }`; only true bugs become 500s. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    // A stalled or lost database: 503 with Retry-After, logged once per kind per interval.
    const fault = databaseFault(exception);
    if (fault) return replyDatabaseUnavailable(req, res, fault);
    const { status, body } = this.toBody(exception);
    // Our own 503s (a missing font, roll-ups being built) are answers, not bugs: not logged as errors.
    const deliberate = exception instanceof AppError && status === HttpStatus.SERVICE_UNAVAILABLE;
    if (status >= 500 && !deliberate) {
      this.logger.error(
        `${req.method} ${req.originalUrl ?? req.url}: ${exception instanceof Error ? exception.stack : String(exception)}`,
      );
      // Tests run with silent logs: a 500 there is a bug, so show it.
      if (process.env.NODE_ENV === 'test')
        console.error(exception instanceof Error ? `${exception.message}\n${exception.stack}` : exception);
    }
    if (res.headersSent) return;
    const retryAfter = retryAfterOf(exception);
    if (retryAfter !== null) res.setHeader('Retry-After', String(retryAfter));
    res.status(status).json(shaped(body));
  }

  private toBody(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response && 'code' in response && 'message' in response) {
        return { status, body: response as ErrorBody };
      }
      // Nest turns body-parser failures into plain 400s whose message names the JSON error.
      const raw = typeof response === 'object' && response ? (response as { message?: unknown }).message : response;
      if (status === 400 && typeof raw === 'string' && /JSON/i.test(raw)) {
        return { status, body: { code: ErrorCode.MalformedBody, message: '请求内容不是合法的 JSON' } };
      }
      const fallback =
        STATUS_DEFAULTS[status] ??
        (status < 500 ? CLIENT_ERROR : { code: ErrorCode.Internal, message: '服务器开小差了，请稍后再试' });
      return { status, body: { code: fallback.code, message: fallback.message } };
    }
    // A state change the domain's machines refuse, thrown straight from a service: the message is Chinese.
    if (exception instanceof IllegalTransitionError) {
      return { status: HttpStatus.CONFLICT, body: { code: ErrorCode.IllegalTransition, message: exception.message } };
    }
    // Body-parser errors (malformed JSON, too large, bad encoding) arrive as plain errors with a status.
    const e = exception as { status?: number; statusCode?: number; type?: string };
    const parserStatus = e?.status ?? e?.statusCode;
    if (typeof parserStatus === 'number' && parserStatus >= 400 && parserStatus < 500) {
      if (e.type === 'entity.parse.failed') {
        return { status: 400, body: { code: ErrorCode.MalformedBody, message: '请求内容不是合法的 JSON' } };
      }
      if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') {
        return { status: 415, body: { code: ErrorCode.UnsupportedMediaType, message: '不支持的请求内容编码' } };
      }
      const d = STATUS_DEFAULTS[parserStatus] ?? { code: ErrorCode.MalformedBody, message: '请求内容无法解析' };
      return { status: parserStatus, body: { code: d.code, message: d.message } };
    }
    if (
      exception instanceof QueryFailedError &&
      (exception as QueryFailedError & { code?: string }).code === 'ER_DATA_TOO_LONG'
    ) {
      // Text the validators counted as short enough (they ignore variation selectors) but the column does not.
      return {
        status: HttpStatus.BAD_REQUEST,
        body: { code: ErrorCode.ValidationFailed, message: '内容过长，请删减后再提交' },
      };
    }
    if (exception instanceof UpdateValuesMissingError) {
      // A safety net: the JSON body interceptor refuses empty PATCH bodies before they get here.
      return {
        status: HttpStatus.BAD_REQUEST,
        body: { code: ErrorCode.ValidationFailed, message: '请至少修改一项内容' },
      };
    }
    if (isDeadlock(exception)) {
      // Still a deadlock victim after the transaction's retries: nothing was written; try again.
      return {
        status: HttpStatus.CONFLICT,
        body: { code: ErrorCode.Conflict, message: '同时操作的人较多，请稍后重试' },
      };
    }
    if (exception instanceof QueryFailedError && isUniqueViolation(exception)) {
      return { status: HttpStatus.CONFLICT, body: { code: ErrorCode.Conflict, message: '记录已存在，请勿重复提交' } };
    }
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { code: ErrorCode.Internal, message: '服务器开小差了，请稍后再试' },
    };
  }
}
