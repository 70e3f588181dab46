import { ENTITIES } from '../../src/entities';
import { JwtService } from '@nestjs/jwt';
import { ClaimStatus, NotificationKind, Role } from '@sbd/contracts';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { validateConfig } from '../../src/platform/config/validate-config';
import { buildDataSourceOptions } from '../../src/platform/database/data-source-options';
import { MIGRATIONS } from '../../src/platform/database/migrations';
import { toDbDate } from '../../src/platform/database/sql';
import { WechatFakeServer } from '../fakes/wechat-fake-server';
import { buildCity, aTask, createApprovedMembers, createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { createScratchDatabase, testDialect, type ScratchDatabase } from '../support/test-db';
import { acceptSubscription } from '../support/verified';

/**
 * Two real API processes on one MariaDB: nothing held in memory may decide capacity, sessions or
 * jobs. (SQLite is the embedded single-process mode, so this runs on MySQL/MariaDB only.)
 */
(testDialect() === 'mysql' ? describe : describe.skip)('two API processes sharing one MySQL', () => {
  let db: ScratchDatabase;
  let wechat: WechatFakeServer;
  let procs: ApiProcess[] = [];
  let urls: string[] = [];
  let ds: DataSource;
  let t: TestApp;
  const env: Record<string, string> = {};

  beforeAll(async () => {
    db = await createScratchDatabase();
    wechat = new WechatFakeServer();
    Object.assign(env, {
      NODE_ENV: 'test',
      DATABASE_URL: db.url!,
      JWT_SECRET: randomBytes(32).toString('hex'),
      FIELD_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      WECHAT_APP_ID: wechat.appId,
      WECHAT_APP_SECRET: wechat.appSecret,
      WECHAT_API_BASE_URL: await wechat.start(),
      WECHAT_TEMPLATE_IDS: JSON.stringify({ [NotificationKind.PointsChanged]: 'tmpl-points' }),
      SCHEDULER_ENABLED: 'true',
      PUBLIC_BASE_URL: 'https://sbd.example.test',
      H5_DIR: '/nonexistent',
      LOG_LEVEL: 'error',
      BCRYPT_ROUNDS: '4',
    });
    // Both start at once: the migrations must run exactly once (named lock). A process that exits
    // while starting (its error is on stderr) fails the suite at once.
    const started = await Promise.allSettled([0, 1].map((i) => startApiProcess({ ...env, WORKER_ID: `proc-${i}` })));
    procs = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    urls = procs.map((p) => p.url);

    const config = validateConfig(env);
    ds = await new DataSource(buildDataSourceOptions(config, ENTITIES)).initialize();
    const jwt = new JwtService({ secret: env.JWT_SECRET });
    t = { ds, config, app: { get: () => jwt }, http: () => request(urls[0]) } as unknown as TestApp;
  }, 120_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await ds?.destroy();
    await wechat?.stop();
    await db?.drop();
  });

  it('ran the migrations once although both processes started together', async () => {
    const rows = await ds.query('SELECT name FROM migrations ORDER BY id');
    expect(rows.map((r: { name: string }) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('200 claims on a 10-slot task split across both processes: exactly 10 claimed, counters equal rows', async () => {
    const city = await buildCity(t);
    const admin = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
    const task = (
      await request(urls[1])
        .post('/api/tasks')
        .set(admin.auth)
        .send(aTask(city.a, { capacity: 10 }))
        .expect(201)
    ).body;
    const members = await createApprovedMembers(t, city.a, 200);
    const results = await Promise.all(
      members.map((m, i) =>
        request(urls[i % 2])
          .post('/api/claims')
          .set(m.auth)
          .send({ taskId: task.id }),
      ),
    );
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    expect(results.filter((r) => r.body.status === ClaimStatus.Claimed)).toHaveLength(10);
    expect(results.filter((r) => r.body.status === ClaimStatus.Waitlisted)).toHaveLength(190);
    const [counter] = await ds.query('SELECT claimed_count AS n FROM tasks WHERE id = ?', [task.id]);
    const [rows] = await ds.query("SELECT COUNT(*) AS n FROM claims WHERE task_id = ? AND status = 'claimed'", [
      task.id,
    ]);
    expect(Number(counter.n)).toBe(10);
    expect(Number(rows.n)).toBe(10);

    // The same member through both processes at once: one claim.
    const repeat = members[0];
    const again = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request(urls[i % 2])
          .post('/api/claims')
          .set(repeat.auth)
          .send({ taskId: task.id }),
      ),
    );
    expect(new Set(again.map((r) => r.body.id)).size).toBe(1);
  }, 120_000);

  it('each process caches the feed, and a change made through the other shows at once', async () => {
    const city = await buildCity(t);
    const admin = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
    const task = (
      await request(urls[0])
        .post('/api/tasks')
        .set(admin.auth)
        .send(aTask(city.a, { capacity: 1 }))
        .expect(201)
    ).body;
    const [viewer, holder, waiter] = await createApprovedMembers(t, city.a, 3);
    const seen = async (url: string, who = viewer) =>
      (
        (await request(url).get('/api/tasks/feed?limit=50').set(who.auth).expect(200)).body.items as {
          id: number;
          claimedCount: number;
          waitlistCount: number;
          myClaim: unknown;
        }[]
      ).find((x) => x.id === task.id);
    for (const url of urls) expect(await seen(url)).toMatchObject({ claimedCount: 0, waitlistCount: 0 });
    await request(urls[1]).post('/api/claims').set(holder.auth).send({ taskId: task.id }).expect(201);
    expect(await seen(urls[0])).toMatchObject({ claimedCount: 1, waitlistCount: 0 });
    await request(urls[0]).post('/api/claims').set(waiter.auth).send({ taskId: task.id }).expect(201);
    expect(await seen(urls[1])).toMatchObject({ claimedCount: 1, waitlistCount: 1 });
    expect(await seen(urls[1], waiter)).toMatchObject({
      myClaim: { status: ClaimStatus.Waitlisted, waitlistPosition: 1 },
    });
    await request(urls[1])
      .post(`/api/tasks/${task.id}/cancel`)
      .set(admin.auth)
      .send({ reason: '场地取消' })
      .expect(200);
    for (const url of urls) expect(await seen(url)).toBeUndefined();
  });

  it('a refresh token rotated by one process is refused by the other', async () => {
    const city = await buildCity(t);
    const u = await createUser(t, { roles: [{ role: Role.Resident, scopeNodeId: city.a.id }] });
    await request(urls[1]).post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(200);
    await request(urls[0]).post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
  });

  it('both dispatchers run, and each due notification is delivered exactly once', async () => {
    const city = await buildCity(t);
    const members = await createApprovedMembers(t, city.a, 40);
    const now = toDbDate(new Date());
    for (const m of members) {
      await ds.query('UPDATE users SET openid = ? WHERE id = ?', [`openid-${m.id}`, m.id]);
      await acceptSubscription({ ds }, m, 'tmpl-points');
      await ds.query(
        `INSERT INTO notifications (user_id, kind, title, body, payload, status, dedupe_key, attempts, not_before, created_at)
         VALUES (?, ?, '积分变动', '增加5分', '{}', 'pending', ?, 0, ?, ?)`,
        [m.id, NotificationKind.PointsChanged, `two-proc:${m.id}`, now, now],
      );
    }
    const deadline = Date.now() + 40_000;
    let pending = members.length;
    while (pending > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      const [row] = await ds.query(
        "SELECT COUNT(*) AS n FROM notifications WHERE dedupe_key LIKE 'two-proc:%' AND status <> 'sent'",
      );
      pending = Number(row.n);
    }
    expect(pending).toBe(0);
    const rows: { attempts: number; locked_by: string | null }[] = await ds.query(
      "SELECT attempts, locked_by FROM notifications WHERE dedupe_key LIKE 'two-proc:%'",
    );
    expect(rows.every((r) => Number(r.attempts) === 1)).toBe(true);
    const sentTo = wechat.sentMessages.map((s) => s.touser).filter((o) => o.startsWith('openid-'));
    expect(sentTo).toHaveLength(members.length);
    expect(new Set(sentTo).size).toBe(members.length);
  }, 60_000);
});
