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
});
