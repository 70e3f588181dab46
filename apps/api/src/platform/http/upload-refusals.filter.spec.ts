import { BadRequestException, PayloadTooLargeException, type ArgumentsHost } from '@nestjs/common';
import { ErrorCode } from '@sbd/contracts';
import { UploadRefusalsFilter } from './upload-refusals.filter';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** What the filter, set up for a 测试文件 upload, answers to `exception` (undefined: nothing). */
function answer(exception: PayloadTooLargeException | BadRequestException, headersSent = false): Answer | undefined {
  let out: Answer | undefined;
  const res = {
    headersSent,
    status(code: number) {
      out = { status: code, headers: {}, body: undefined };
      return this;
    },
    setHeader(name: string, value: string) {
      out!.headers[name] = value;
      return this;
    },
    json(body: unknown) {
      out!.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  new UploadRefusalsFilter({
    file: '测试文件',
    tooLarge: '测试文件不能超过1MB',
    report: (message) => ({ total: 0, errors: [message] }),
  }).catch(exception, host);
  return out;
}

const refusal = (message: string) => ({
  status: 400,
  headers: { Connection: 'close' },
  body: {
    code: ErrorCode.ValidationFailed,
    message,
    details: [{ field: 'file', message }],
    report: { total: 0, errors: [message] },
  },
});

describe('UploadRefusalsFilter', () => {
  it("answers multer's English refusals with the route's Chinese message and empty report", () => {
    expect(answer(new PayloadTooLargeException('File too large'))).toEqual(refusal('测试文件不能超过1MB'));
    for (const raw of ['Unexpected field', 'Unexpected file field', 'Too many files'])
      expect(answer(new BadRequestException(raw))).toEqual(refusal('请通过 file 字段上传一个测试文件'));
    expect(answer(new BadRequestException('Multipart: Boundary not found'))).toEqual(
      refusal('上传内容无法解析，请重新选择测试文件'),
    );
  });

  it('passes our own coded bodies through unchanged, and leaves an answer already sent alone', () => {
    const own = { code: ErrorCode.ValidationFailed, message: '请选择要上传的测试文件', details: [] };
    expect(answer(new BadRequestException(own))).toEqual({ status: 400, headers: {}, body: own });
    expect(answer(new PayloadTooLargeException('File too large'), true)).toBeUndefined();
  });
});
