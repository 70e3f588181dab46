import { Role } from '@sbd/contracts';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { buildCity, aTask, createApprovedMembers, createUser } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { testDialect } from '../support/test-db';

/**
 * A lock held elsewhere for longer than DB_QUERY_TIMEOUT_MS (a MySQL row lock, or SQLite's write
 * lock taken by another connection, i.e. busy_timeout) answers 503 DATABASE_UNAVAILABLE with
 * Retry-After, not a 500, and the next request after the lock is gone succeeds.
 */
describe('database faults in one request', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ DB_QUERY_TIMEOUT_MS: '1500' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('a statement that waits past the query timeout answers 503 and leaves the app usable', async () => {
    const city = await buildCity(t);
    const admin = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
    const task = (
      await t
        .http()
        .post('/api/tasks')
        .set(admin.auth)
        .send(aTask(city.a, { capacity: 5 }))
        .expect(201)
    ).body;
    const [first, second] = await createApprovedMembers(t, city.a, 2);

    let releaseLock: () => Promise<void>;
    if (testDialect() === 'mysql') {
      const other = await createConnection(t.config.databaseUrl!);
      await other.query('BEGIN');
      await other.query('SELECT id FROM tasks WHERE id = ? FOR UPDATE', [task.id]);
      releaseLock = async () => {
        await other.query('ROLLBACK');
        await other.end();
      };
    } else {
      // Another connection to the same file takes the write lock, as another process would.
      const other = await new DataSource({ type: 'better-sqlite3', database: t.config.sqlitePath }).initialize();
      await other.query('BEGIN IMMEDIATE');
      releaseLock = async () => {
        await other.query('ROLLBACK');
        await other.destroy();
      };
    }
    const started = Date.now();
    const res = await t.http().post('/api/claims').set(first.auth).send({ taskId: task.id });
    const took = Date.now() - started;
    await releaseLock();

    expect(res.status).toBe(503);
    expect(res.body).toEqual({ code: 'DATABASE_UNAVAILABLE', message: '数据库暂时不可用，请稍后再试', details: [] });
    expect(res.headers['retry-after']).toBe('5');
    expect(took).toBeLessThan(4_000);
    // Nothing was applied, and the next claims go through.
    const [row] = await t.ds.query('SELECT COUNT(*) AS n FROM claims WHERE task_id = ?', [task.id]);
    expect(Number(row.n)).toBe(0);
    await t.http().post('/api/claims').set(first.auth).send({ taskId: task.id }).expect(201);
    await t.http().post('/api/claims').set(second.auth).send({ taskId: task.id }).expect(201);
    await t.http().get('/health/ready').expect(200);
  });
});
