// Shared helpers for the benchmarks: MySQL access, JWT minting, child processes, the claim-burst task,
// Chromium, statistics.
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
  // A suite that fails half-way leaves no server behind (a stale one would answer the next run).
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  return child;
}

/** The middle value (the lower of the two middle ones for an even count); 0 for none. */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : 0;
};

/** BENCH_CPU_PROF=<dir>: node flags that make an API process write a V8 CPU profile there when it stops. */
export const cpuProfileArgs = () =>
  process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];

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

/** The claim bursts' task size: 200 members claim 10 slots at once. */
export const BURST_CAPACITY = 10;

/**
 * Inserts a published task for a claim burst: `capacity` slots with a waitlist, in `community` (its
 * street is its parentId), starting `daysAhead` days from now. Answers the task's id.
 */
export async function insertBurstTask(conn, community, daysAhead, capacity = BURST_CAPACITY) {
  const start = new Date(Date.now() + daysAhead * 24 * 3600_000);
  const now = toDbDate(new Date());
  const [ins] = await conn.query(
    `INSERT INTO tasks (community_id, street_id, kind, target, title, description, status, capacity, claimed_count, waitlist, starts_at, ends_at, claim_deadline, withdraw_cutoff_minutes, place, checkin_radius_m, points_per_hour, points_minimum, points_max, required_skills, checkin_secret, created_by_id, published_at, created_at, updated_at)
     VALUES (?, ?, 'micro', 'individuals', '抢单测试', '200人同时报名10个名额', 'published', ?, 0, 1, ?, ?, ?, 120, '测试', 500, 10, 5, 100, '[]', 'bench', 1, ?, ?, ?)`,
    [
      community.id,
      community.parentId,
      capacity,
      toDbDate(start),
      toDbDate(new Date(start.getTime() + 3600_000)),
      toDbDate(start),
      now,
      now,
      now,
    ],
  );
  return ins.insertId;
}

/** The browser suites' Chromium flags: headless, no sandbox, nothing working in the background. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** /usr/bin/chromium through playwright-core, loaded only when a suite needs a browser. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export function percentile(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const round = (x, n = 1) => Math.round(x * 10 ** n) / 10 ** n;
