/**
 * With the scheduler on (production), the district roll-ups are built by one leased background job
 * with long statements, never inside a request: at a province's scale a build takes minutes, far
 * past a request's statement deadline. Reads meanwhile answer 503 STATS_BUILDING at once.
 */
import { ErrorCode, Role, type StatsDto } from '@sbd/contracts';
import { databaseFault, DbFaultCode } from '../../../src/platform/database/db-faults';
import { withLongStatements } from '../../../src/platform/database/long-statements';
import { fromDbDate, toDbDate, transaction } from '../../../src/platform/database/sql';
import { LeasedJobs } from '../../../src/platform/jobs/leased-jobs';
import { BuildStopped } from '../../../src/reporting/stats/stats-rollup-build';
import { BUILD_STATEMENT_MS, refreshRollups } from '../../../src/reporting/stats/stats-rollup-refresh';
import { ROLLUP_JOB, StatsRollupService } from '../../../src/reporting/stats/stats-rollup.service';
import { buildCity, createApprovedMembers, createUser, type City, type TestUser } from '../../support/factories';
import { createTestApp, type TestApp } from '../../support/test-app';
import { testDialect } from '../../support/test-db';
import { rawStats } from './stats-world';

describe('should build the district roll-ups in the background, never in a request', () => {
  let t: TestApp;
  let city: City;
  let district: TestUser;
  let platform: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ SCHEDULER_ENABLED: 'true', DB_QUERY_TIMEOUT_MS: '300' });
    city = await buildCity(t);
    district = await createUser(t, { roles: [{ role: Role.DistrictAdmin, scopeNodeId: city.districtId }] });
    platform = await createUser(t, { roles: [{ role: Role.PlatformAdmin, scopeNodeId: null }] });
    await createApprovedMembers(t, city.a, 3, { unitId: city.unitA });
    // Nothing built yet in this database, and another process holds the job's lease (it is building),
    // so this app's own scheduler (first check 2 s after start) cannot build before we look.
    await t.ds.query('UPDATE stats_refresh_state SET built_at = NULL');
    await holdLease('other-process');
  });
  afterAll(() => t.close());

  const read = (nodeId: number) => t.http().get(`/api/stats/nodes/${nodeId}`).set(district.auth);
  const raw = (nodeId: number) => rawStats(t, nodeId);
  async function holdLease(holder: string | null) {
    await t.app.get(LeasedJobs).runIfDue({ ...ROLLUP_JOB, run: async () => undefined }); // its row exists
    const until = holder ? toDbDate(new Date(Date.now() + 600_000)) : null;
    await t.ds.query('UPDATE job_leases SET holder = ?, leased_until = ?, next_run_at = ? WHERE name = ?', [
      holder,
      until,
      toDbDate(new Date()),
      ROLLUP_JOB.name,
    ]);
  }
  /** Runs the due jobs here; this app's own timer may have taken the lease first: then waits for it. */
  async function buildByJob() {
    await t.app.get(LeasedJobs).runDue();
    for (let i = 0; i < 100; i++) {
      const [row] = await t.ds.query('SELECT built_at FROM stats_refresh_state WHERE id = 1');
      if (row?.built_at) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the roll-ups were not built by the job');
  }

  it('answers a district read with 503 STATS_BUILDING and Retry-After while unbuilt, and streets as usual', async () => {
    const res = await read(city.districtId).expect(503);
    expect(res.body).toEqual({
      code: ErrorCode.StatsBuilding,
      message: '区级统计数据正在生成，请稍后再试',
      details: [],
    });
    expect(res.headers['retry-after']).toBe('30');
    const [state] = await t.ds.query('SELECT built_at FROM stats_refresh_state WHERE id = 1');
    expect(state?.built_at ?? null).toBeNull();
    expect((await read(city.streetA).expect(200)).body.registeredMembers).toBe(3);
  });

  it('builds them in the leased job, after which reads are the raw figures and pick up new writes', async () => {
    await holdLease(null);
    await buildByJob();
    expect((await read(city.districtId).expect(200)).body).toEqual(await raw(city.districtId));
    await createApprovedMembers(t, city.b, 2);
    const after: StatsDto = (await read(city.districtId).expect(200)).body;
    expect(after.registeredMembers).toBe(5);
    expect(after).toEqual(await raw(city.districtId));
  });

  it('queues a platform admin’s rebuild for the job instead of building in the request', async () => {
    const res = await t.http().post('/api/stats/rollups/rebuild').set(platform.auth).expect(200);
    expect(res.body).toEqual({ rebuiltAt: null, queued: true });
    const [job] = await t.ds.query('SELECT next_run_at FROM job_leases WHERE name = ?', [ROLLUP_JOB.name]);
    expect(fromDbDate(job.next_run_at)!.getTime()).toBeLessThanOrEqual(Date.now());
    await read(city.districtId).expect(503);
    await buildByJob();
    expect((await read(city.districtId).expect(200)).body).toEqual(await raw(city.districtId));
  });

  it('gives a build up when the process shuts down, leaving the roll-ups as they were, unbuilt', async () => {
    const platformRead = () => t.http().get(`/api/stats/nodes/${city.districtId}`).set(platform.auth);
    await holdLease('other-process');
    await t.app.get(StatsRollupService).invalidate();
    const daysBefore = await t.ds.query('SELECT * FROM stats_district_counters ORDER BY district_id, year');
    let asked = 0;
    // Stops at the third question: after the first district, mid-build.
    const stop = () => ++asked >= 3;
    await expect(
      refreshRollups(t.ds, { mayRebuild: true, longStatementsMs: BUILD_STATEMENT_MS, shouldStop: stop }),
    ).rejects.toBeInstanceOf(BuildStopped);
    expect(asked).toBe(3);
    const [state] = await t.ds.query('SELECT built_at FROM stats_refresh_state WHERE id = 1');
    expect(state.built_at ?? null).toBeNull();
    expect(await t.ds.query('SELECT * FROM stats_district_counters ORDER BY district_id, year')).toEqual(daysBefore);
    await platformRead().expect(503);
    await holdLease(null);
    await buildByJob();
    expect((await platformRead().expect(200)).body).toEqual(await raw(city.districtId));
  });

  (testDialect() === 'mysql' ? it : it.skip)(
    'lets the job’s statements run past the request deadline, and puts the session limit back',
    async () => {
      // DB_QUERY_TIMEOUT_MS=300: a request's statement is stopped well before a second.
      const stopped: unknown = await transaction(t.ds, (m) => m.query('SELECT SLEEP(1.2) AS s')).catch((e) => e);
      expect(databaseFault(stopped)?.kind).toBe(DbFaultCode.QueryTimeout);
      // Every pooled connection carries the server-side cap (3 × 300 ms, in whole seconds), also those
      // the pool opened before the deadlines were installed.
      const caps = await Promise.all(
        Array.from({ length: 6 }, () => transaction(t.ds, (m) => m.query('SELECT @@SESSION.max_statement_time AS s'))),
      );
      expect(caps.map((r) => Number(r[0].s))).toEqual([1, 1, 1, 1, 1, 1]);
      const limits = await transaction(t.ds, async (m) => {
        const before = (await m.query('SELECT @@SESSION.max_statement_time AS s'))[0].s;
        const slept = await withLongStatements(m, 5_000, () => m.query('SELECT SLEEP(1.2) AS s'));
        const after = (await m.query('SELECT @@SESSION.max_statement_time AS s'))[0].s;
        return { before: Number(before), slept: Number(slept[0].s), after: Number(after) };
      });
      expect(limits).toEqual({ before: 1, slept: 0, after: 1 });
    },
  );
});
