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
  if (!/bench|test/i.test(name)) throw new Error(`refusing to recreate "${name}": the bench database name must contain "bench"`);
  const conn = await mysql.createConnection(adminUrl(url));
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
}

const b64url = (buf) => Buffer.from(buf).toString('base64url');

/** HS256 access token exactly as the API issues them. */
export function mintToken(secret, userId, ttlSeconds = 3600) {
  const now = Math.floor(Date.now() / 1000);
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify({ sub: userId, typ: 'access', iat: now, exp: now + ttlSeconds }));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

export function startProcess(script, env, name) {
  // Benchmarks stop their servers between suites: no drain (SIGTERM otherwise serves on for 10 s).
  const child = spawn(process.execPath, [script], { env: { SHUTDOWN_DRAIN_MS: '0', ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
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
