import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, PayloadTooLargeException } from '@nestjs/common';
import { ErrorCode, type RosterImportReport, type RosterRefusal } from '@sbd/contracts';
import type { Response } from 'express';
import { ROSTER_TOO_LARGE } from './roster-file';

/**
 * multer's refusals of a roster upload (over 5 MB, wrong field, malformed multipart) arrive as Nest's
 * plain 413/400 exceptions in English: answer them in Chinese, in the shape of a refused roster.
 * Our own 400s (bodies with a code) pass through unchanged.
 */
@Catch(PayloadTooLargeException, BadRequestException)
export class RosterUploadErrorsFilter implements ExceptionFilter {
  catch(exception: PayloadTooLargeException | BadRequestException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const response = exception.getResponse();
    if (typeof response === 'object' && response && 'code' in response) {
      res.status(exception.getStatus()).json(response);
      return;
    }
    const raw = String((response as { message?: unknown }).message ?? exception.message);
    const message =
      exception instanceof PayloadTooLargeException
        ? ROSTER_TOO_LARGE
        : /unexpected (file )?field|too many files/i.test(raw)
          ? '请通过 file 字段上传一个名册文件'
          : '上传内容无法解析，请重新选择名册文件';
    const report: RosterImportReport = {
      imported: 0,
      total: 0,
      valid: 0,
      errors: [{ row: 0, column: '', message }],
      matched: 0,
      review: 0,
      reviews: [],
    };
    const body: RosterRefusal = {
      code: ErrorCode.ValidationFailed as RosterRefusal['code'],
      message,
      details: [{ field: 'file', message }],
      report,
    };
    res.status(400).setHeader('Connection', 'close');
    res.json(body);
  }
}
