import { createHash, createHmac } from 'node:crypto';
import type { TencentSmsConfig } from '../config/sms-config';

const SERVICE = 'sms';
const ACTION = 'SendSms';
const VERSION = '2021-01-11';
const ALGORITHM = 'TC3-HMAC-SHA256';
const CONTENT_TYPE = 'application/json; charset=utf-8';

/** A failure of Tencent Cloud's API (`Response.Error.Code`, or a send status that is not "Ok"). */
export class SmsProviderError extends Error {
  constructor(
    /** Tencent's code, e.g. LimitExceeded.PhoneNumberDailyLimit; NETWORK when unreachable. */
    readonly code: string,
    message: string,
    /** Worth trying again later: unreachable, 5xx, InternalError, RequestLimitExceeded. */
    readonly unavailable: boolean,
  ) {
    super(`Tencent SMS: ${code} ${message}`);
  }
}

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

/**
 * TC3-HMAC-SHA256 (Tencent Cloud API 3.0 signature v3) of a JSON POST to `/`: the canonical
 * request (method, URI, query, the content-type and host headers, the payload's hash) is hashed
 * into the string to sign, which is signed with a key derived from the secret, the UTC date, the
 * service and "tc3_request".
 */
export function tc3Authorization(input: {
  secretId: string;
  secretKey: string;
  host: string;
  payload: string;
  timestamp: number;
}): string {
  const signedHeaders = 'content-type;host';
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${CONTENT_TYPE}\nhost:${input.host}\n`,
    signedHeaders,
    sha256Hex(input.payload),
  ].join('\n');
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const scope = `${date}/${SERVICE}/tc3_request`;
  const stringToSign = [ALGORITHM, String(input.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${input.secretKey}`, date), SERVICE), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return `${ALGORITHM} Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

interface SendStatus {
  SerialNo?: string;
  PhoneNumber?: string;
  Code?: string;
  Message?: string;
}

/**
 * Tencent Cloud SMS, API 3.0 (`SendSms`, version 2021-01-11): one POST of JSON to the endpoint
 * with the X-TC-* headers and a TC3-HMAC-SHA256 Authorization. Node's fetch, no SDK.
 */
export class TencentSmsClient {
  constructor(
    private readonly cfg: TencentSmsConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** Sends the configured template to one mainland number (11 digits) with its parameters. */
  async send(phone: string, templateParams: string[]): Promise<{ serialNo: string | null }> {
    const payload = JSON.stringify({
      PhoneNumberSet: [`+86${phone}`],
      SmsSdkAppId: this.cfg.sdkAppId,
      SignName: this.cfg.signName,
      TemplateId: this.cfg.templateId,
      TemplateParamSet: templateParams,
    });
    const timestamp = Math.floor(this.now() / 1000);
    const host = new URL(this.cfg.endpoint).host;
    const headers = {
      Authorization: tc3Authorization({
        secretId: this.cfg.secretId,
        secretKey: this.cfg.secretKey,
        host,
        payload,
        timestamp,
      }),
      'Content-Type': CONTENT_TYPE,
      'X-TC-Action': ACTION,
      'X-TC-Version': VERSION,
      'X-TC-Timestamp': String(timestamp),
      'X-TC-Region': this.cfg.region,
    };
    let status: number;
    let text: string;
    try {
      const res = await fetch(`${this.cfg.endpoint}/`, {
        method: 'POST',
        headers,
        body: payload,
        signal: AbortSignal.timeout(this.cfg.timeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (err) {
      throw new SmsProviderError('NETWORK', (err as Error).message, true);
    }
    if (status >= 500) throw new SmsProviderError('HTTP_' + status, 'server error', true);
    let json: { Response?: { Error?: { Code?: string; Message?: string }; SendStatusSet?: SendStatus[] } };
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      throw new SmsProviderError('MALFORMED', `HTTP ${status}: not JSON`, true);
    }
    const error = json.Response?.Error;
    if (error) {
      const code = String(error.Code ?? 'UnknownError');
      const retry = code.startsWith('InternalError') || code === 'RequestLimitExceeded';
      throw new SmsProviderError(code, String(error.Message ?? ''), retry);
    }
    const sent = json.Response?.SendStatusSet?.[0];
    if (!sent) throw new SmsProviderError('MALFORMED', 'no SendStatusSet', true);
    if (sent.Code !== 'Ok') throw new SmsProviderError(String(sent.Code), String(sent.Message ?? ''), false);
    return { serialNo: sent.SerialNo ?? null };
  }
}
