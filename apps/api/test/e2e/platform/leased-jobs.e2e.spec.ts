import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../src/platform/config/app-config';
import { toDbDate } from '../../../src/platform/database/sql';
import { LeasedJobs, type LeasedJob } from '../../../src/platform/jobs/leased-jobs';
import { LifecycleService } from '../../../src/platform/lifecycle/lifecycle.service';
import { createTestApp, type TestApp } from '../../support/test-app';
import { testDialect } from '../../support/test-db';

const MINUTE = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`jobs leased in the database on ${testDialect()}`, () => {
  let t: TestApp;
  /** Two API processes' runners on one database. */
  let first: LeasedJobs;
  let second: LeasedJobs;
  let n = 0;

  const aJob = (overrides: Partial<LeasedJob> = {}): LeasedJob & { runs: () => number } => {
    let runs = 0;
    n += 1;
    return {
      name: `test-job-${n}`,
      everyMs: 60 * MINUTE,
      leaseMs: 10 * MINUTE,
      run: async () => {
        runs += 1;
        await sleep(100);
      },
      ...overrides,
      runs: () => runs,
    };
  };
  const leaseOf = async (name: string) =>
    (await t.ds.query('SELECT holder, leased_until, next_run_at FROM job_leases WHERE name = ?', [name]))[0];

  beforeAll(async () => {
    t = await createTestApp();
    const config = t.app.get<AppConfig>(APP_CONFIG);
    first = t.app.get(LeasedJobs);
    second = new LeasedJobs(t.app.get(DataSource), { ...config, workerId: 'other-process' }, new LifecycleService());
  });
  afterAll(() => t.close());

  it('runs a due job in one process only when two try at once', async () => {
    const job = aJob();
    const now = new Date();
    const ran = await Promise.all([first.runIfDue(job, now), second.runIfDue(job, now), first.runIfDue(job, now)]);
    expect(ran.filter(Boolean)).toHaveLength(1);
    expect(job.runs()).toBe(1);
    expect(await leaseOf(job.name)).toMatchObject({ holder: null, leased_until: null });
  });

  it('runs it again only once its interval has passed, in whichever process comes first', async () => {
    const job = aJob();
    const now = Date.now();
    expect(await first.runIfDue(job, new Date(now))).toBe(true);
    expect(await second.runIfDue(job, new Date(now + 59 * MINUTE))).toBe(false);
    expect(await first.runIfDue(job, new Date(now + 59 * MINUTE))).toBe(false);
    expect(await second.runIfDue(job, new Date(now + 60 * MINUTE))).toBe(true);
    expect(job.runs()).toBe(2);
  });

  it('lets another process take over a lease its holder never gave back (a crash), once it expires', async () => {
    const job = aJob();
    const now = Date.now();
    await first.runIfDue(job, new Date(now));
    // A holder that died mid-run: the lease is held until now + 10 minutes.
    await t.ds.query('UPDATE job_leases SET holder = ?, leased_until = ?, next_run_at = ? WHERE name = ?', [
      'crashed',
      toDbDate(new Date(now + 10 * MINUTE)),
      toDbDate(new Date(now)),
      job.name,
    ]);
    expect(await second.runIfDue(job, new Date(now + 9 * MINUTE))).toBe(false);
    expect(await second.runIfDue(job, new Date(now + 10 * MINUTE))).toBe(true);
    expect(job.runs()).toBe(2);
  });

  it('tries a failed job again sooner than its interval, and the lease is released either way', async () => {
    let fail = true;
    const job = aJob({
      retryMs: 5 * MINUTE,
      run: async () => {
        if (fail) throw new Error('database went away');
      },
    });
    const now = Date.now();
    expect(await first.runIfDue(job, new Date(now))).toBe(true);
    expect(await leaseOf(job.name)).toMatchObject({ holder: null });
    fail = false;
    expect(await second.runIfDue(job, new Date(now + 4 * MINUTE))).toBe(false);
    expect(await second.runIfDue(job, new Date(now + 5 * MINUTE))).toBe(true);
  });

  it('runs every registered due job (the audit purge is one of them)', async () => {
    expect(await first.runDue()).toContain('audit-purge');
    expect(await first.runDue()).toEqual([]);
  });
});
