import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, PayloadTooLargeException } from '@nestjs/common';
import { ErrorCode, type OrgImportRefusal } from '@sbd/contracts';
import type { Response } from 'express';
import { ORG_IMPORT_TOO_LARGE } from './org-import-file';

/**
 * multer's refusals of an import upload (over 5 MB, wrong field, malformed multipart) arrive as
 * Nest's plain 413/400 exceptions in English: answer them in Chinese, in the shape of a refused
 * import. Our own 400s (bodies with a code) pass through unchanged.
 */
@Catch(PayloadTooLargeException, BadRequestException)
export class OrgImportUploadErrorsFilter implements ExceptionFilter {
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
        ? ORG_IMPORT_TOO_LARGE
        : /unexpected (file )?field|too many files/i.test(raw)
          ? '请通过 file 字段上传一个组织导入文件'
          : '上传内容无法解析，请重新选择组织导入文件';
    const body: OrgImportRefusal = {
      code: ErrorCode.ValidationFailed as OrgImportRefusal['code'],
      message,
      details: [{ field: 'file', message }],
      report: { total: 0, created: 0, existing: 0, rows: [], errors: [{ row: 0, column: '', message }] },
    };
    res.status(400).setHeader('Connection', 'close');
    res.json(body);
  }
}
