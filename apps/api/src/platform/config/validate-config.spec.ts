import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, validateConfig } from './validate-config';

const KEY = 'a'.repeat(64);
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'mysql://app:pw@db:3306/sbd',
  JWT_SECRET: 'x'.repeat(40),
  FIELD_ENCRYPTION_KEY: KEY,
  WECHAT_APP_ID: 'wx123',
  WECHAT_APP_SECRET: 's',
  PUBLIC_BASE_URL: 'https://sbd.example.cn',
};

describe('validateConfig', () => {
  it('starts in development with nothing configured, generating and keeping its secrets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbd-config-'));
    const a = validateConfig({ DATA_DIR: dir });
    const b = validateConfig({ DATA_DIR: dir });
    expect(a.port).toBe(3000);
    expect(a.databaseUrl).toBeNull();
    expect(a.jwtSecret).toBe(b.jwtSecret);
    expect(a.fieldEncryptionKey.equals(b.fieldEncryptionKey)).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'dev-secrets.json'), 'utf8')).jwtSecret).toBe(a.jwtSecret);
  });

  it('accepts a complete production configuration', () => {
    expect(validateConfig(production).databaseUrl).toBe(production.DATABASE_URL);
  });

  it.each([
    'DATABASE_URL',
    'JWT_SECRET',
    'FIELD_ENCRYPTION_KEY',
    'WECHAT_APP_ID',
    'WECHAT_APP_SECRET',
    'PUBLIC_BASE_URL',
  ])('refuses to start in production without %s, naming it', (name) => {
    const env: Record<string, string | undefined> = { ...production, [name]: undefined };
    expect(() => validateConfig(env)).toThrow(new ConfigError(`${name} is required when NODE_ENV=production`));
  });

  it('names the variable that is malformed', () => {
    expect(() => validateConfig({ ...production, PORT: 'eighty' })).toThrow(/PORT must be an integer/);
    expect(() => validateConfig({ ...production, FIELD_ENCRYPTION_KEY: 'short' })).toThrow(
      /FIELD_ENCRYPTION_KEY must be 32 bytes/,
    );
    expect(() => validateConfig({ ...production, DATABASE_URL: 'postgres://x' })).toThrow(
      /DATABASE_URL must start with mysql/,
    );
    expect(() => validateConfig({ ...production, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32/);
  });

  it('keeps audit events 180 days unless AUDIT_RETENTION_DAYS says otherwise (at least 1)', () => {
    expect(validateConfig(production).audit.retentionDays).toBe(180);
    expect(validateConfig({ ...production, AUDIT_RETENTION_DAYS: '365' }).audit.retentionDays).toBe(365);
    expect(validateConfig({ ...production, AUDIT_RETENTION_DAYS: '30' }).audit.retentionDays).toBe(30);
    for (const bad of ['0', '-5', 'half a year', '1.5']) {
      expect(() => validateConfig({ ...production, AUDIT_RETENTION_DAYS: bad })).toThrow(
        /AUDIT_RETENTION_DAYS must be an integer between 1 and 36500/,
      );
    }
  });

  it('reads a replica of the primary, with its lag bound, and refuses one without a primary', () => {
    expect(validateConfig(production).replica).toBeNull();
    const replica = 'mysql://reader:pw@db-replica:3306/sbd';
    expect(
      validateConfig({ ...production, DATABASE_REPLICA_URL: replica, DATABASE_REPLICA_MAX_LAG_MS: '5000' }).replica,
    ).toEqual({ url: replica, maxLagMs: 5000, checkIntervalMs: 500 });
    expect(() => validateConfig({ ...production, DATABASE_REPLICA_URL: 'redis://x' })).toThrow(
      /DATABASE_REPLICA_URL must start with mysql/,
    );
    expect(() =>
      validateConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'sbd-config-')), DATABASE_REPLICA_URL: replica }),
    ).toThrow(/DATABASE_REPLICA_URL needs DATABASE_URL/);
    expect(() =>
      validateConfig({ ...production, DATABASE_REPLICA_URL: replica, DATABASE_REPLICA_MAX_LAG_MS: '0' }),
    ).toThrow(/DATABASE_REPLICA_MAX_LAG_MS must be an integer/);
  });

  it('reads the check-in rules, with defaults, and refuses values out of range', () => {
    expect(validateConfig(production).attendance).toEqual({
      checkinEarlyMinutes: 30,
      codeMaxFailures: 5,
      codeLockMinutes: 15,
    });
    const set = validateConfig({
      ...production,
      CHECKIN_EARLY_MINUTES: '0',
      CHECKIN_CODE_MAX_FAILURES: '3',
      CHECKIN_CODE_LOCK_MINUTES: '60',
    });
    expect(set.attendance).toEqual({ checkinEarlyMinutes: 0, codeMaxFailures: 3, codeLockMinutes: 60 });
    expect(() => validateConfig({ ...production, CHECKIN_EARLY_MINUTES: '-5' })).toThrow(
      /CHECKIN_EARLY_MINUTES must be an integer between 0 and 1440, got "-5"/,
    );
    expect(() => validateConfig({ ...production, CHECKIN_EARLY_MINUTES: 'half an hour' })).toThrow(
      /CHECKIN_EARLY_MINUTES must be an integer/,
    );
    expect(() => validateConfig({ ...production, CHECKIN_CODE_MAX_FAILURES: '0' })).toThrow(
      /CHECKIN_CODE_MAX_FAILURES must be an integer between 1 and 100/,
    );
  });

  describe('subscribe-message templates (WECHAT_TEMPLATE_IDS)', () => {
    it('takes one template id per notice kind the API sends', () => {
      const ids = JSON.stringify({ task_reminder: 'Ab_-9x', registration_approved: 'Cd' });
      expect(validateConfig({ ...production, WECHAT_TEMPLATE_IDS: ids }).wechat.templateIds).toEqual({
        task_reminder: 'Ab_-9x',
        registration_approved: 'Cd',
      });
    });

    it.each([
      ['[]', /JSON object of notification kind/],
      ['{"task_remindr": "Ab"}', /unknown notification kind "task_remindr"/],
      ['{"task_reminder": ""}', /WECHAT_TEMPLATE_IDS.task_reminder must be a template id/],
      ['{"task_reminder": "has space"}', /WECHAT_TEMPLATE_IDS.task_reminder must be a template id/],
    ])('refuses %s, naming what is wrong', (raw, message) => {
      expect(() => validateConfig({ ...production, WECHAT_TEMPLATE_IDS: raw })).toThrow(message);
    });
  });

  describe('SMS codes (SMS_PROVIDER)', () => {
    const tencent = {
      TENCENT_SMS_SECRET_ID: 'AKIDx',
      TENCENT_SMS_SECRET_KEY: 'k',
      TENCENT_SMS_SDK_APP_ID: '1400006666',
      TENCENT_SMS_SIGN_NAME: '双报到',
      TENCENT_SMS_TEMPLATE_ID: '123',
    };

    it('logs codes in development, is off in production unless Tencent is configured, and uses Tencent when it is', () => {
      const dir = mkdtempSync(join(tmpdir(), 'sbd-config-'));
      expect(validateConfig({ DATA_DIR: dir }).sms.provider).toBe('log');
      expect(validateConfig(production).sms).toEqual({ provider: 'off', tencent: null, codeTtlSeconds: 300 });
      expect(validateConfig({ ...production, ...tencent }).sms.tencent).toEqual({
        secretId: 'AKIDx',
        secretKey: 'k',
        sdkAppId: '1400006666',
        signName: '双报到',
        templateId: '123',
        region: 'ap-guangzhou',
        endpoint: 'https://sms.tencentcloudapi.com',
        timeoutMs: 5000,
      });
    });

    it('refuses the logging mode in production', () => {
      expect(() => validateConfig({ ...production, SMS_PROVIDER: 'log' })).toThrow(
        new ConfigError(
          'SMS_PROVIDER=log writes verification codes to the log and is refused when NODE_ENV=production',
        ),
      );
    });

    it.each(Object.keys(tencent))('names %s when Tencent SMS is chosen without it', (name) => {
      expect(() => validateConfig({ ...production, ...tencent, SMS_PROVIDER: 'tencent', [name]: '' })).toThrow(
        new ConfigError(`${name} is required when SMS_PROVIDER=tencent`),
      );
    });

    it('refuses an unknown provider and an endpoint that is not an origin', () => {
      expect(() => validateConfig({ ...production, SMS_PROVIDER: 'aliyun' })).toThrow(/SMS_PROVIDER must be/);
      expect(() =>
        validateConfig({ ...production, ...tencent, TENCENT_SMS_ENDPOINT: 'https://sms.example.cn/path' }),
      ).toThrow(/TENCENT_SMS_ENDPOINT must be an origin/);
    });
  });
});
