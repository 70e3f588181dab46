import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap';
import type { AppConfig } from '../../src/platform/config/app-config';
import { validateConfig } from '../../src/platform/config/validate-config';
import { FieldCipher } from '../../src/platform/crypto/field-cipher';
import { WechatFakeServer } from '../fakes/wechat-fake-server';
import { registerOwnNumbers, type OwnNumbers } from './pii-scan';
import { createScratchDatabase, type ScratchDatabase } from './test-db';

export interface TestApp {
  app: NestExpressApplication;
  ds: DataSource;
  config: AppConfig;
  wechat: WechatFakeServer;
  /** supertest against the real HTTP server. */
  http: () => ReturnType<typeof request>;
  /** Row counts of every table, to prove a failed request wrote nothing. */
  counts: () => Promise<Record<string, number>>;
  /**
   * Another instance of the API on the same database with the same secrets, as a second API
   * process would be (its own caches, its own HTTP server); closed with this one.
   */
  sibling: (
    env?: Record<string, string>,
  ) => Promise<{ app: NestExpressApplication; http: () => ReturnType<typeof request> }>;
  close: () => Promise<void>;
}

/** The real AppModule on a scratch database of the dialect under test, with migrations applied. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db: ScratchDatabase = await createScratchDatabase();
  const wechat = new WechatFakeServer();
  const wechatUrl = await wechat.start();
  const baseEnv: Record<string, string> = {
    NODE_ENV: 'test',
    JWT_SECRET: randomBytes(32).toString('hex'),
    FIELD_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    WECHAT_APP_ID: wechat.appId,
    WECHAT_APP_SECRET: wechat.appSecret,
    WECHAT_API_BASE_URL: wechatUrl,
    WECHAT_TIMEOUT_MS: '2000',
    PUBLIC_BASE_URL: 'https://sbd.example.test',
    H5_DIR: '/nonexistent',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...db.env,
    ...env,
  };
  const config = validateConfig(baseEnv);
  const app = await createApp(config);
  const siblings: NestExpressApplication[] = [];
  await app.init();
  const ds = app.get(DataSource);
  const server = app.getHttpServer();
  const ownNumbers = ownNumbersOf(ds, new FieldCipher(config.fieldEncryptionKey));
  registerOwnNumbers(server, ownNumbers);
  return {
    app,
    ds,
    config,
    wechat,
    http: () => request(server),
    counts: async () => {
      const out: Record<string, number> = {};
      for (const meta of ds.entityMetadatas) {
        const [row] = await ds.query(`SELECT COUNT(*) AS n FROM ${meta.tableName}`);
        out[meta.tableName] = Number(row.n);
      }
      return out;
    },
    sibling: async (extra = {}) => {
      const other = await createApp(validateConfig({ ...baseEnv, ...extra }), { migrate: false });
      await other.init();
      siblings.push(other);
      const otherServer = other.getHttpServer();
      registerOwnNumbers(otherServer, ownNumbers);
      return { app: other, http: () => request(otherServer) };
    },
    close: async () => {
      for (const s of siblings) await s.close();
      await app.close();
      await wechat.stop();
      await db.drop();
    },
  };
}

/**
 * The full numbers that may reach a user (pii-scan.ts): their account phone, their registration's
 * phone and ID number, and the contact phones of needs they posted for themselves.
 */
function ownNumbersOf(ds: DataSource, cipher: FieldCipher): OwnNumbers {
  return async (userId) => {
    const rows: { enc: string | null }[] = await ds.query(
      `SELECT phone_enc AS enc FROM users WHERE id = ?
       UNION ALL SELECT phone_enc FROM registrations WHERE user_id = ?
       UNION ALL SELECT id_number_enc FROM registrations WHERE user_id = ?
       UNION ALL SELECT contact_phone_enc FROM needs WHERE resident_user_id = ?`,
      [userId, userId, userId, userId],
    );
    return new Set(rows.filter((r) => r.enc).map((r) => cipher.decrypt(String(r.enc)).toUpperCase()));
  };
}

/** supertest parser that keeps a binary body (xlsx, images) as a Buffer. */
export function binaryParser(res: request.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}
