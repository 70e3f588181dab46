// Shared helpers for the benchmarks: MySQL access, JWT minting, child processes, statistics.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';

export const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
export const API_DIST = join(ROOT, 'apps', 'api', 'dist');

export function adminUrl(url) {
  const u = new URL(url);
  u.pathname = '/';
  return u.toString();
}

export async function recreateDatabase(url) {
  const name = new URL(url).pathname.slice(1);
  if (!/bench|test/i.test(name))
    throw new Error(`refusing to recreate "${name}": the bench database name must contain "bench"`);
  const conn = await mysql.createConnection(adminUrl(url));
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
}

const b64url = (buf) => Buffer.from(buf).toString('base64url');

/** The session (refresh-token family) `createSessions` gives a user and `mintToken` names. */
const benchSid = (userId) => `bench-${userId}`;

/** HS256 access token exactly as the API issues them; the user needs a session (`createSessions`). */
export function mintToken(secret, userId, ttlSeconds = 3600) {
  const now = Math.floor(Date.now() / 1000);
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(
    JSON.stringify({ sub: userId, typ: 'access', sid: benchSid(userId), iat: now, exp: now + ttlSeconds }),
  );
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/**
 * One live session per user (all users, or those in `userIds`), as a login would create: the API
 * checks on every request that the token's session still has an unrevoked refresh token.
 */
export async function createSessions(url, userIds = null) {
  const conn = await mysql.createConnection({ uri: url, timezone: 'Z' });
  try {
    await conn.query(
      `INSERT INTO refresh_tokens (user_id, token_hash, family_id, expires_at, revoked_at, replaced_by_id, created_at)
       SELECT id, SHA2(CONCAT('bench-session-', id), 256), CONCAT('bench-', id), NOW(3) + INTERVAL 1 DAY, NULL, NULL, NOW(3)
         FROM users u
        WHERE ${userIds ? 'u.id IN (?)' : '1 = 1'}
          AND NOT EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = CONCAT('bench-', u.id))`,
      userIds ? [userIds] : [],
    );
  } finally {
    await conn.end();
  }
}

export function startProcess(script, env, name, nodeArgs = []) {
  // Benchmarks stop their servers between suites: no drain (SIGTERM otherwise serves on for 10 s).
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { SHUTDOWN_DRAIN_MS: '0', ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (d) => process.stderr.write(`[${name}] ${d}`));
  return child;
}

export async function stopProcess(child) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

export async function waitFor(url, ms = 90_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

export const toDbDate = (d) => d.toISOString().replace('T', ' ').replace('Z', '');

export function percentile(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const round = (x, n = 1) => Math.round(x * 10 ** n) / 10 ** n;
