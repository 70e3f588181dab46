/**
 * The SMS provider for phone verification codes (H5). Tencent Cloud SMS (API 3.0) in production;
 * `log` writes the code to the API's log instead (development and demos, refused in production);
 * `off` refuses to send codes (a weapp-only deployment verifies phones with WeChat's button).
 */
export type SmsProvider = 'tencent' | 'log' | 'off';

export interface TencentSmsConfig {
  secretId: string;
  secretKey: string;
  /** SmsSdkAppId of the SMS application, e.g. 1400006666. */
  sdkAppId: string;
  /** The approved signature (签名), e.g. 双报到. */
  signName: string;
  /** An approved template with {1} = the code and {2} = the minutes it is valid. */
  templateId: string;
  region: string;
  /** https://sms.tencentcloudapi.com; tests point it at a local fake. */
  endpoint: string;
  timeoutMs: number;
}

export interface SmsConfig {
  provider: SmsProvider;
  /** Set when provider is 'tencent'. */
  tencent: TencentSmsConfig | null;
  /** Lifetime of a code. */
  codeTtlSeconds: number;
}

type Env = Record<string, string | undefined>;

export function readSmsConfig(
  env: Env,
  production: boolean,
  int: (name: string, fallback: number, min: number, max: number) => number,
  fail: (msg: string) => Error,
): SmsConfig {
  const raw = env.SMS_PROVIDER?.trim().toLowerCase();
  const provider: SmsProvider = raw
    ? (raw as SmsProvider)
    : env.TENCENT_SMS_SECRET_ID?.trim()
      ? 'tencent'
      : production
        ? 'off'
        : 'log';
  if (!['tencent', 'log', 'off'].includes(provider)) {
    throw fail(`SMS_PROVIDER must be tencent, log or off, got "${env.SMS_PROVIDER}"`);
  }
  if (provider === 'log' && production) {
    throw fail('SMS_PROVIDER=log writes verification codes to the log and is refused when NODE_ENV=production');
  }
  const codeTtlSeconds = int('SMS_CODE_TTL_SECONDS', 300, 60, 1800);
  if (provider !== 'tencent') return { provider, tencent: null, codeTtlSeconds };
  const required = (name: string): string => {
    const v = env[name]?.trim();
    if (!v) throw fail(`${name} is required when SMS_PROVIDER=tencent`);
    return v;
  };
  const endpoint = (env.TENCENT_SMS_ENDPOINT?.trim() || 'https://sms.tencentcloudapi.com').replace(/\/$/, '');
  if (!/^https?:\/\/[^/]+$/.test(endpoint)) {
    throw fail('TENCENT_SMS_ENDPOINT must be an origin such as https://sms.tencentcloudapi.com');
  }
  return {
    provider,
    codeTtlSeconds,
    tencent: {
      secretId: required('TENCENT_SMS_SECRET_ID'),
      secretKey: required('TENCENT_SMS_SECRET_KEY'),
      sdkAppId: required('TENCENT_SMS_SDK_APP_ID'),
      signName: required('TENCENT_SMS_SIGN_NAME'),
      templateId: required('TENCENT_SMS_TEMPLATE_ID'),
      region: env.TENCENT_SMS_REGION?.trim() || 'ap-guangzhou',
      endpoint,
      timeoutMs: int('SMS_TIMEOUT_MS', 5000, 100, 60_000),
    },
  };
}
