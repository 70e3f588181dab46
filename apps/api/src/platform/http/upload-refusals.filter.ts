import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, PayloadTooLargeException } from '@nestjs/common';
import { ErrorCode } from '@sbd/contracts';
import type { Response } from 'express';

/** What an import route answers when multer refuses its upload. */
export interface UploadRefusal<R> {
  /** The kind of file, in Chinese (名册文件): the wrong-field and unreadable messages name it. */
  file: string;
  /** The message for a file over the size limit. */
  tooLarge: string;
  /** The route's empty report, with `message` as its one error. */
  report: (message: string) => R;
}

/** The 400 body of a refused import upload: the message on the `file` field, and the report. */
export interface UploadRefusalBody<R> {
  code: ErrorCode.ValidationFailed;
  message: string;
  details: { field: string; message: string }[];
  report: R;
}

/**
 * multer's refusals of an import upload (over the size limit, wrong field, malformed multipart)
 * arrive as Nest's plain 413/400 exceptions in English: answer them in Chinese, in the shape of
 * the route's refused import (`report`). Our own 400s (bodies with a code) pass through unchanged.
 * Use one instance per route: `@UseFilters(new UploadRefusalsFilter({ file, tooLarge, report }))`.
 */
@Catch(PayloadTooLargeException, BadRequestException)
export class UploadRefusalsFilter<R> implements ExceptionFilter {
  constructor(private readonly refusal: UploadRefusal<R>) {}

  catch(exception: PayloadTooLargeException | BadRequestException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const response = exception.getResponse();
    if (typeof response === 'object' && response && 'code' in response) {
      res.status(exception.getStatus()).json(response);
      return;
    }
    const raw = String((response as { message?: unknown }).message ?? exception.message);
    const { file, tooLarge, report } = this.refusal;
    const message =
      exception instanceof PayloadTooLargeException
        ? tooLarge
        : /unexpected (file )?field|too many files/i.test(raw)
          ? `请通过 file 字段上传一个${file}`
          : `上传内容无法解析，请重新选择${file}`;
    const body: UploadRefusalBody<R> = {
      code: ErrorCode.ValidationFailed,
      message,
      details: [{ field: 'file', message }],
      report: report(message),
    };
    // Close the connection: the rest of a refused upload is not worth reading.
    res.status(400).setHeader('Connection', 'close');
    res.json(body);
  }
}
