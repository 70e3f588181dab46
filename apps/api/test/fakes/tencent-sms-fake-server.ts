/**
 * A local stand-in for https://sms.tencentcloudapi.com speaking Tencent Cloud API 3.0's `SendSms`
 * (version 2021-01-11): a JSON POST to `/` with X-TC-Action/Version/Timestamp/Region and a
 * TC3-HMAC-SHA256 Authorization, which this fake recomputes from the request it received (its own
 * implementation, not the API's). Errors answer HTTP 200 `{Response: {Error: {Code, Message},
 * RequestId}}`; a send answers `{Response: {SendStatusSet: [{SerialNo, PhoneNumber, Fee, Code:
 * 'Ok', Message: 'send success', IsoCode}], RequestId}}`, or a per-number Code such as
 * LimitExceeded.PhoneNumberDailyLimit. node:http and node:crypto only.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentSms {
  phone: string;
  templateId: string;
  signName: string;
  params: string[];
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();

export class TencentSmsFakeServer {
  secretId = 'AKIDfakeSmsSecretId';
  secretKey = 'fakeSmsSecretKey';
  sdkAppId = '1400006666';
  signName = '双报到';
  templateId = '1234567';
  readonly sent: SentSms[] = [];
  /** Every request, with whether its signature checked out. */
  readonly requests: Array<{ headers: IncomingMessage['headers']; body: string; signatureOk: boolean }> = [];
  /** Next sends answer this error code (the whole request) … */
  private failures: string[] = [];
  /** … or this per-number status code (e.g. LimitExceeded.PhoneNumberDailyLimit). */
  private statusFailures: string[] = [];
  private server: Server | null = null;

  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The env that points the API at this fake. */
  env(endpoint: string): Record<string, string> {
    return {
      SMS_PROVIDER: 'tencent',
      TENCENT_SMS_ENDPOINT: endpoint,
      TENCENT_SMS_SECRET_ID: this.secretId,
      TENCENT_SMS_SECRET_KEY: this.secretKey,
      TENCENT_SMS_SDK_APP_ID: this.sdkAppId,
      TENCENT_SMS_SIGN_NAME: this.signName,
      TENCENT_SMS_TEMPLATE_ID: this.templateId,
    };
  }

  failNext(code: string): void {
    this.failures.push(code);
  }

  failNextStatus(code: string): void {
    this.statusFailures.push(code);
  }

  /** The parameters of the last SMS sent to a mainland number (11 digits). */
  lastTo(phone: string): SentSms | undefined {
    return [...this.sent].reverse().find((s) => s.phone === `+86${phone}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const requestId = randomUUID();
    const reply = (response: Record<string, unknown>) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ Response: { ...response, RequestId: requestId } }));
    };
    const error = (code: string, message: string) => reply({ Error: { Code: code, Message: message } });

    const authError = this.checkAuth(req, body);
    this.requests.push({ headers: req.headers, body, signatureOk: authError === null });
    if (authError) return error(authError[0], authError[1]);
    if (req.headers['x-tc-action'] !== 'SendSms') return error('InvalidAction', 'action not found');
    if (req.headers['x-tc-version'] !== '2021-01-11') return error('NoSuchVersion', 'version not found');
    if (!req.headers['x-tc-region']) return error('MissingParameter', 'X-TC-Region');
    let p: Record<string, unknown>;
    try {
      p = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return error('InvalidParameter', 'body is not JSON');
    }
    if (p.SmsSdkAppId !== this.sdkAppId) return error('InvalidParameterValue.SdkAppIdNotExist', 'SdkAppId not exist');
    if (p.SignName !== this.signName) return error('FailedOperation.SignatureIncorrectOrUnapproved', 'sign');
    if (p.TemplateId !== this.templateId) return error('FailedOperation.TemplateIncorrectOrUnapproved', 'template');
    const phones = p.PhoneNumberSet;
    const params = p.TemplateParamSet;
    if (!Array.isArray(phones) || phones.length === 0) return error('MissingParameter', 'PhoneNumberSet');
    if (!Array.isArray(params) || !params.every((x) => typeof x === 'string')) {
      return error('InvalidParameterValue.TemplateParameterFormatError', 'TemplateParamSet');
    }
    const failure = this.failures.shift();
    if (failure) return error(failure, 'failure armed by the test');
    const set = (phones as string[]).map((phone) => {
      const statusFailure = this.statusFailures.shift();
      const ok = !statusFailure && /^\+86 ?1\d{10}$/.test(phone);
      if (ok) this.sent.push({ phone, templateId: p.TemplateId as string, signName: p.SignName as string, params });
      return {
        SerialNo: ok ? `2019:${randomUUID()}` : '',
        PhoneNumber: phone,
        Fee: ok ? 1 : 0,
        SessionContext: '',
        Code: ok ? 'Ok' : (statusFailure ?? 'InvalidParameterValue.IncorrectPhoneNumber'),
        Message: ok ? 'send success' : 'not sent',
        IsoCode: 'CN',
      };
    });
    reply({ SendStatusSet: set });
  }

  /** [code, message] when the TC3-HMAC-SHA256 signature does not check out, else null. */
  private checkAuth(req: IncomingMessage, body: string): [string, string] | null {
    const auth = String(req.headers.authorization ?? '');
    const m =
      /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/sms\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!m) return ['AuthFailure.InvalidAuthorization', 'Authorization is not TC3-HMAC-SHA256'];
    const [, secretId, date, signedHeaders, signature] = m;
    if (secretId !== this.secretId) return ['AuthFailure.SecretIdNotFound', 'secret id not found'];
    const timestamp = Number(req.headers['x-tc-timestamp']);
    if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) {
      return ['AuthFailure.SignatureExpire', 'signature expired'];
    }
    if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) {
      return ['AuthFailure.SignatureFailure', 'credential date is not the timestamp’s UTC date'];
    }
    const names = signedHeaders.split(';');
    if (!names.includes('content-type') || !names.includes('host')) {
      return ['AuthFailure.SignatureFailure', 'content-type and host must be signed'];
    }
    const canonicalHeaders = names
      .map(
        (n) =>
          `${n}:${String(req.headers[n] ?? '')
            .trim()
            .toLowerCase()}\n`,
      )
      .join('');
    const canonical = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256(body)].join('\n');
    const toSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/sms/tc3_request`, sha256(canonical)].join('\n');
    const key = hmac(hmac(hmac(`TC3${this.secretKey}`, date), 'sms'), 'tc3_request');
    const expected = createHmac('sha256', key).update(toSign).digest('hex');
    return expected === signature ? null : ['AuthFailure.SignatureFailure', 'signature does not match'];
  }
}
