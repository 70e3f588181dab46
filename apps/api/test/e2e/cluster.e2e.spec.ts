import { JwtService } from '@nestjs/jwt';
import { ClaimStatus, NotificationKind, Role, type Page, type TaskDto } from '@sbd/contracts';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../src/entities';
import { validateConfig } from '../../src/platform/config/validate-config';
import { buildDataSourceOptions } from '../../src/platform/database/data-source-options';
import { MIGRATIONS } from '../../src/platform/database/migrations';
import { toDbDate } from '../../src/platform/database/sql';
import { WechatFakeServer } from '../fakes/wechat-fake-server';
import { acceptSubscription } from '../support/verified';
import {
  clusterMissing,
  connectRetrying,
  isRunning,
  replicaCaughtUp,
  rootConnection,
  startClusterProcess,
  type ClusterProcess,
} from '../support/cluster-process';
import {
  aTask,
  buildCity,
  createApprovedMembers,
  createUser,
  startingIn,
  type City,
  type TestUser,
} from '../support/factories';
import type { TestApp } from '../support/test-app';
import { testDialect } from '../support/test-db';

/**
 * `npm run cluster` end to end: nginx in front of two API processes, a MariaDB primary and its GTID
 * replica, Redis. Claims go through nginx to both processes; lists and the feed are read from the
 * replica except by the session that just wrote; a replica that lags past its bound or is down is
 * left for the primary; both processes' dispatchers deliver each notification (a reminder included)
 * once; the migrations ran once; SIGTERM stops every process. MariaDB only (SQLite has no replicas).
 */
const runsHere = testDialect() === 'mysql';
const missing = clusterMissing();
if (runsHere && missing.length) console.warn(`cluster: skipped, not installed: ${missing.join(', ')}`);

const MAX_LAG_MS = 5_000;
const LAST_WRITE = 'x-last-write';

(runsHere && !missing.length ? describe : describe.skip)(
  'the cluster (nginx, 2 API processes, primary + replica)',
  () => {
    let cluster: ClusterProcess;
    let ds: DataSource;
    let primary: Connection;
    let replica: Connection;
    let t: TestApp;
    let city: City;
    let writer: TestUser;
    let otherStaff: TestUser;
    let members: TestUser[];
    let http: () => ReturnType<typeof request>;
    let wechat: WechatFakeServer;

    beforeAll(async () => {
      wechat = new WechatFakeServer();
      const env = {
        WECHAT_APP_ID: wechat.appId,
        WECHAT_APP_SECRET: wechat.appSecret,
        WECHAT_API_BASE_URL: await wechat.start(),
        WECHAT_TEMPLATE_IDS: JSON.stringify({
          [NotificationKind.PointsChanged]: 'tmpl-points',
          [NotificationKind.TaskReminder]: 'tmpl-reminder',
        }),
        SCHEDULER_ENABLED: 'true',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        JWT_SECRET: randomBytes(32).toString('hex'),
        FIELD_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        PUBLIC_BASE_URL: 'https://sbd.example.test',
        H5_DIR: '/nonexistent',
        BCRYPT_ROUNDS: '4',
        DATABASE_REPLICA_MAX_LAG_MS: String(MAX_LAG_MS),
        DATABASE_REPLICA_CHECK_MS: '250',
      };
      cluster = await startClusterProcess(env);
      const { topology } = cluster;
      console.log(`cluster: started in ${(topology.startMs / 1000).toFixed(1)} s`);
      http = () => request(topology.url);
      const config = validateConfig({ ...env, DATABASE_URL: topology.primary.url });
      ds = await connectRetrying(() => new DataSource(buildDataSourceOptions(config, ENTITIES)).initialize());
      const jwt = new JwtService({ secret: env.JWT_SECRET });
      t = { ds, config, app: { get: () => jwt }, http } as unknown as TestApp;
      primary = await rootConnection(topology.primary.port);
      replica = await rootConnection(topology.replica.port);
      city = await buildCity(t);
      writer = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
      otherStaff = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
      members = await createApprovedMembers(t, city.a, 44);
      await replicaCaughtUp(primary, replica);
    }, 180_000);

    afterAll(async () => {
      await cluster?.stop();
      await primary?.end().catch(() => undefined);
      await replica?.end().catch(() => undefined);
      await ds?.destroy().catch(() => undefined);
      await wechat?.stop();
    }, 60_000);

    /** Waits until no notification under `keyLike` is unsent (or 40 s), and answers how many are. */
    const untilSent = async (keyLike: string) => {
      let pending = -1;
      for (const until = Date.now() + 40_000; pending !== 0 && Date.now() < until;) {
        await new Promise((r) => setTimeout(r, 500));
        const [row] = await ds.query(
          "SELECT COUNT(*) AS n FROM notifications WHERE dedupe_key LIKE ? AND status <> 'sent'",
          [keyLike],
        );
        pending = Number(row.n);
      }
      return pending;
    };
    const withOpenid = async (m: TestUser, template: string) => {
      await ds.query('UPDATE users SET openid = ? WHERE id = ?', [`cluster-openid-${m.id}`, m.id]);
      await acceptSubscription({ ds }, m, template);
    };

    const publish = async (capacity = 5) => {
      const res = await http()
        .post('/api/tasks')
        .set(writer.auth)
        .send(aTask(city.a, { capacity, title: `任务${randomBytes(3).toString('hex')}` }))
        .expect(201);
      return { task: res.body as TaskDto, stamp: res.headers[LAST_WRITE] as string };
    };
    const listIds = async (who: TestUser, stamp?: string) => {
      const req = http().get(`/api/communities/${city.a.id}/tasks?limit=100`).set(who.auth);
      if (stamp) req.set('X-Last-Write', stamp);
      const res = await req.expect(200);
      return (res.body as Page<TaskDto>).items.map((x) => x.id);
    };
    const feedItem = async (who: TestUser, taskId: number, stamp?: string) => {
      const req = http().get('/api/tasks/feed?limit=50').set(who.auth);
      if (stamp) req.set('X-Last-Write', stamp);
      const res = await req.expect(200);
      return (res.body as Page<TaskDto>).items.find((x) => x.id === taskId);
    };

    it('spreads a claim burst over both API processes and never overbooks', async () => {
      const { task } = await publish(5);
      const burst = members.slice(0, 40);
      const results = await Promise.all(
        burst.map((m) => http().post('/api/claims').set(m.auth).send({ taskId: task.id })),
      );
      expect(results.filter((r) => r.status >= 500)).toEqual([]);
      expect(results.filter((r) => r.body.status === ClaimStatus.Claimed)).toHaveLength(5);
      expect(results.filter((r) => r.body.status === ClaimStatus.Waitlisted)).toHaveLength(35);
      const [counter] = await ds.query('SELECT claimed_count AS n FROM tasks WHERE id = ?', [task.id]);
      const [rows] = await ds.query("SELECT COUNT(*) AS n FROM claims WHERE task_id = ? AND status = 'claimed'", [
        task.id,
      ]);
      expect([Number(counter.n), Number(rows.n)]).toEqual([5, 5]);
      // Both processes took part: nginx's access log names the upstream of every request.
      const log = readFileSync(join(cluster.topology.dir, 'nginx-access.log'), 'utf8');
      const upstreams = new Set(
        log
          .split('\n')
          .filter((l) => l.includes('"POST /api/claims'))
          .map((l) => /upstream=(\S+)/.exec(l)?.[1]),
      );
      expect([...upstreams].sort()).toEqual(cluster.topology.apis.map((a) => `127.0.0.1:${a.port}`).sort());
    });

    let stoppedAt = 0;
    let unseen: TaskDto;

    it('ran the migrations once although both processes started together, and the replica has them', async () => {
      const names = (rows: { name: string }[]) => rows.map((r) => r.name);
      await replicaCaughtUp(primary, replica);
      const [onPrimary] = await primary.query(`SELECT name FROM ${cluster.topology.database}.migrations ORDER BY id`);
      const [onReplica] = await replica.query(`SELECT name FROM ${cluster.topology.database}.migrations ORDER BY id`);
      expect(names(onPrimary as { name: string }[])).toEqual(MIGRATIONS.map((m) => m.name));
      expect(names(onReplica as { name: string }[])).toEqual(MIGRATIONS.map((m) => m.name));
    });

    it('both dispatchers run, and each due notification is delivered exactly once', async () => {
      const group = members.slice(0, 20);
      const now = toDbDate(new Date());
      for (const m of group) {
        await withOpenid(m, 'tmpl-points');
        await ds.query(
          `INSERT INTO notifications (user_id, kind, title, body, payload, status, dedupe_key, attempts, not_before, created_at)
           VALUES (?, ?, '积分变动', '增加5分', '{}', 'pending', ?, 0, ?, ?)`,
          [m.id, NotificationKind.PointsChanged, `cluster-outbox:${m.id}`, now, now],
        );
      }
      expect(await untilSent('cluster-outbox:%')).toBe(0);
      const rows: { attempts: number; locked_by: string | null }[] = await ds.query(
        "SELECT attempts, locked_by FROM notifications WHERE dedupe_key LIKE 'cluster-outbox:%'",
      );
      expect(rows.map((r) => Number(r.attempts))).toEqual(group.map(() => 1));
      const sentTo = wechat.sentMessages.filter((s) => s.template_id === 'tmpl-points').map((s) => s.touser);
      expect(sentTo.sort()).toEqual(group.map((m) => `cluster-openid-${m.id}`).sort());
    }, 60_000);

    it('a reminder queued by a claim through nginx is delivered once, when it falls due', async () => {
      const member = members[43]; // in no other test: no time clash
      await withOpenid(member, 'tmpl-reminder');
      // Starting in 2 h and 6 s: the 2-hour reminder falls due 6 s from now.
      const res = await http()
        .post('/api/tasks')
        .set(writer.auth)
        .send(aTask(city.a, { title: '提醒测试', ...startingIn(2 * 3600_000 + 6_000) }))
        .expect(201);
      const task = res.body as TaskDto;
      const claim = await http().post('/api/claims').set(member.auth).send({ taskId: task.id }).expect(201);
      expect(claim.body.status).toBe(ClaimStatus.Claimed);
      const key = `reminder:2h:claim:${claim.body.id}:%`;
      const [queued] = await ds.query('SELECT COUNT(*) AS n FROM notifications WHERE dedupe_key LIKE ?', [key]);
      expect(Number(queued.n)).toBe(1);
      expect(await untilSent(key)).toBe(0);
      const sent = wechat.sentMessages.filter((s) => s.template_id === 'tmpl-reminder');
      expect(sent.map((s) => s.touser)).toEqual([`cluster-openid-${member.id}`]);
      const [row] = await ds.query('SELECT attempts FROM notifications WHERE dedupe_key LIKE ?', [key]);
      expect(Number(row.attempts)).toBe(1);
    }, 60_000);

    it('reads lists and the feed from the replica, except for the session that just wrote', async () => {
      const { task: before } = await publish(3);
      await replicaCaughtUp(primary, replica);
      // Every process measures the replica while it is in step.
      for (let i = 0; i < 6; i++) expect(await listIds(otherStaff)).toContain(before.id);

      await replica.query('STOP SLAVE');
      stoppedAt = Date.now();
      const { task, stamp } = await publish(3);
      unseen = task;
      expect(Number(stamp)).toBeGreaterThanOrEqual(stoppedAt);
      // The writer, echoing the stamp, reads from the primary; another staff member, or the writer
      // without the stamp, reads the replica as it stands.
      expect(await listIds(writer, stamp)).toContain(task.id);
      expect(await listIds(otherStaff)).not.toContain(task.id);
      expect(await listIds(writer)).not.toContain(task.id);
      // A member's own claim, likewise, in the feed.
      const [claimer, neighbour] = members.slice(40);
      const claim = await http().post('/api/claims').set(claimer.auth).send({ taskId: before.id }).expect(201);
      const mine = await feedItem(claimer, before.id, claim.headers[LAST_WRITE] as string);
      expect(mine?.myClaim?.status).toBe(ClaimStatus.Claimed);
      expect(mine?.claimedCount).toBe(1);
      expect((await feedItem(neighbour, before.id))?.claimedCount).toBe(0);
      expect((await feedItem(claimer, before.id))?.myClaim).toBeNull();
      expect(Date.now() - stoppedAt).toBeLessThan(MAX_LAG_MS - 1_000); // all of it within the bound
    });

    it('leaves the replica for the primary once it lags past its bound', async () => {
      let freshAt = 0;
      while (!freshAt && Date.now() - stoppedAt < MAX_LAG_MS + 5_000) {
        if ((await listIds(otherStaff)).includes(unseen.id)) freshAt = Date.now();
        else await new Promise((r) => setTimeout(r, 150));
      }
      const [status] = (await replica.query('SHOW SLAVE STATUS')) as unknown as [{ Slave_SQL_Running: string }[]];
      expect(status[0].Slave_SQL_Running).toBe('No'); // still stopped
      expect(freshAt).toBeGreaterThan(0);
      console.log(`cluster: replica left ${((freshAt - stoppedAt) / 1000).toFixed(1)} s after replication stopped`);
      expect(freshAt - stoppedAt).toBeLessThanOrEqual(MAX_LAG_MS + 5_000);
      await replica.query('START SLAVE');
      await replicaCaughtUp(primary, replica);
    });

    it('reads from the primary while the replica is down', async () => {
      process.kill(cluster.topology.replica.pid, 'SIGKILL');
      const { task } = await publish(2);
      const reads = await Promise.all(Array.from({ length: 8 }, () => listIds(otherStaff)));
      for (const ids of reads) expect(ids).toContain(task.id);
      const feed = await feedItem(members[42], task.id);
      expect(feed?.id).toBe(task.id);
      // Each process, asked directly, reads from the primary and says the replica is down.
      for (const api of cluster.topology.apis) {
        const res = await request(api.url).get(`/api/communities/${city.a.id}/tasks?limit=100`).set(otherStaff.auth);
        expect((res.body as Page<TaskDto>).items.map((x) => x.id)).toContain(task.id);
        // A process measures its replica when a read is due to ask (every 250 ms at most): the
        // answer above may have started that measurement, so read again until it has ended.
        let replica = '';
        for (const until = Date.now() + 10_000; Date.now() < until;) {
          replica = (await request(api.url).get('/health/ready').expect(200)).body.replica;
          if (replica === 'down') break;
          await new Promise((r) => setTimeout(r, 250));
          await request(api.url).get(`/api/communities/${city.a.id}/tasks?limit=1`).set(otherStaff.auth).expect(200);
        }
        expect(replica).toBe('down');
      }
    });

    it('stops every process it started on SIGTERM, and removes its directory', async () => {
      const { pids, dir } = cluster.topology;
      expect(pids.length).toBe(6); // nginx, 2 API processes, primary, replica, Redis
      const started = Date.now();
      expect(await cluster.stop()).toBe(0);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(pids.filter(isRunning)).toEqual([]);
      expect(existsSync(dir)).toBe(false);
      await expect(fetch(`${cluster.topology.url}/health/live`)).rejects.toThrow();
    }, 40_000);
  },
);
