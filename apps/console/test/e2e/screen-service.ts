/**
 * Services made through the API for the console's specs: a community admin publishes a task,
 * members claim it, check in and out with the on-site code, and the admin verifies it (or not yet).
 * Verification waits for the end of the service, so the task's window is moved an hour back in
 * the SQLite file between check-in and check-out (as the mini-program's loop spec does).
 */
import type { ConsoleSession } from './console-api';
import { DEMO_PASSWORD } from './console-api';

// better-sqlite3 is installed for the API; no type package in the workspace.
interface SqliteDb {
  prepare(sql: string): { run(...params: unknown[]): { changes: number } };
  pragma(s: string): unknown;
  close(): void;
}
const Database = require('better-sqlite3') as new (file: string) => SqliteDb;

const dbDate = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

export interface Signed {
  token: string;
  communityId: number | null;
}

export async function apiLogin(s: ConsoleSession, phone: string): Promise<Signed> {
  const login = (await s.post('/api/auth/login', { phone, password: DEMO_PASSWORD })) as {
    accessToken: string;
    user: { roles: { scopeNodeId: number | null }[] };
  };
  return { token: login.accessToken, communityId: login.user.roles[0]?.scopeNodeId ?? null };
}

export async function apiGet<T>(s: ConsoleSession, path: string, token: string): Promise<T> {
  const res = await fetch(`${s.api.baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Publishes `title` in the admin's community and has each member claim it, check in and out: the
 * claims (ids in the members' order) wait for verification (待核验), the service over.
 */
export async function servedTask(
  s: ConsoleSession,
  adminPhone: string,
  memberPhones: string[],
  title: string,
): Promise<number[]> {
  const admin = await apiLogin(s, adminPhone);
  const members = await Promise.all(memberPhones.map((p) => apiLogin(s, p)));
  const start = Date.now() + 10 * 60_000;
  const task = await s.post(
    '/api/tasks',
    {
      communityId: admin.communityId,
      kind: 'micro',
      target: 'individuals',
      title,
      description: '为行动不便的独居老人送午餐并陪聊半小时',
      capacity: 3,
      startAt: new Date(start).toISOString(),
      endAt: new Date(start + 2 * 3_600_000).toISOString(),
      place: '桃园社区党群服务中心',
      latitude: 32.0123,
      longitude: 120.8642,
      publish: true,
    },
    admin.token,
  );
  const code = async () =>
    (await apiGet<{ code: string }>(s, `/api/tasks/${String(task.id)}/checkin-code`, admin.token)).code;
  const claims: number[] = [];
  for (const member of members) {
    const claim = await s.post('/api/claims', { taskId: task.id }, member.token);
    await s.post(`/api/claims/${String(claim.id)}/check-in`, { code: await code() }, member.token);
    claims.push(Number(claim.id));
  }
  const db = new Database(s.api.sqlitePath);
  try {
    db.pragma('busy_timeout = 5000');
    const from = dbDate(new Date(Date.now() - 90 * 60_000));
    const to = dbDate(new Date(Date.now() - 60_000));
    db.prepare('UPDATE tasks SET starts_at = ?, ends_at = ? WHERE id = ?').run(from, to, task.id);
    for (const id of claims)
      db.prepare('UPDATE claims SET starts_at = ?, ends_at = ?, checked_in_at = ? WHERE id = ?').run(
        from,
        to,
        dbDate(new Date(Date.now() - 65 * 60_000)),
        id,
      );
  } finally {
    db.close();
  }
  for (const [i, member] of members.entries())
    await s.post(`/api/claims/${String(claims[i])}/check-out`, { code: await code() }, member.token);
  return claims;
}

/** Publishes `title` in the admin's community, and has `memberPhone` serve it and get verified. */
export async function verifiedService(
  s: ConsoleSession,
  adminPhone: string,
  memberPhone: string,
  title: string,
): Promise<number> {
  const [claim] = await servedTask(s, adminPhone, [memberPhone], title);
  await s.post(`/api/claims/${String(claim)}/verify`, { score: 5 }, (await apiLogin(s, adminPhone)).token);
  return claim;
}

/**
 * A community admin posts needs on behalf of a resident (代点单) in their community: the admin's
 * token and each need's id by title.
 */
export async function postedNeeds(
  s: ConsoleSession,
  adminPhone: string,
  titles: string[],
  resident = '李秀英',
): Promise<{ token: string; ids: Map<string, number> }> {
  const { token } = await apiLogin(s, adminPhone);
  const me = await apiGet<{ roles: { role: string; scopeNodeId: number }[] }>(s, '/api/me', token);
  const communityId = me.roles.find((r) => r.role === 'community_admin')!.scopeNodeId;
  const ids = new Map<string, number>();
  for (const title of titles) {
    const need = await s.post(
      '/api/needs',
      {
        communityId,
        category: 'repair',
        title,
        description: `${title}，请社区帮忙处理。`,
        onBehalfOf: { name: resident },
      },
      token,
    );
    ids.set(title, need.id as number);
  }
  return { token, ids };
}
