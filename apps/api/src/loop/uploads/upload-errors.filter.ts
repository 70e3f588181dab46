import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, PayloadTooLargeException } from '@nestjs/common';
import { ErrorCode, type ErrorBody } from '@sbd/contracts';
import type { Response } from 'express';
import { UPLOAD_TOO_LARGE_MESSAGE } from './image-type';

/**
 * multer's refusals (file too large, unexpected field, malformed multipart) arrive as Nest's
 * plain 413/400 exceptions with English messages: answer them in Chinese, on the `file` field.
 */
@Catch(PayloadTooLargeException, BadRequestException)
export class UploadErrorsFilter implements ExceptionFilter {
  catch(exception: PayloadTooLargeException | BadRequestException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const tooLarge = exception instanceof PayloadTooLargeException;
    const raw = String((exception.getResponse() as { message?: unknown }).message ?? exception.message);
    const message = tooLarge
      ? UPLOAD_TOO_LARGE_MESSAGE
      : /unexpected (file )?field|too many files/i.test(raw)
        ? '请通过 file 字段上传一张图片'
        : '上传内容无法解析，请重新选择图片';
    const body: ErrorBody = { code: ErrorCode.ValidationFailed, message, details: [{ field: 'file', message }] };
    // Close the connection: the rest of a refused upload is not worth reading.
    res.status(400).setHeader('Connection', 'close');
    res.json(body);
  }
}
