import { OrgNodeType, Role } from '@sbd/contracts';
import { ENTITIES } from '../../src/entities';
import { MIGRATIONS } from '../../src/platform/database/migrations';
import { runMigrations } from '../../src/platform/database/run-migrations';
import { sqliteGate } from '../../src/platform/database/sqlite-gate';
import { buildCity, createUser } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { testDialect } from '../support/test-db';

/** On SQLite every transaction must hold the app's gate (see src/database/sqlite-gate.ts); MySQL has none. */
const gated = <T>(t: TestApp, fn: () => Promise<T>): Promise<T> => {
  const gate = sqliteGate(t.ds);
  return gate ? gate.run(fn) : fn();
};

describe(`migrations on ${testDialect()}`, () => {
  let t: TestApp;
  /** Every table after the first run: the entities' and any a migration creates ahead of its entity. */
  let initialTables: string[];
  const appTables = () => t.ds.entityMetadatas.map((m) => m.tableName).sort();

  const existingTables = async (): Promise<string[]> => {
    const rows: { name: string }[] =
      t.ds.options.type === 'mysql'
        ? await t.ds.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()')
        : await t.ds.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    return rows.map((r) => r.name).sort();
  };
  const appliedCount = async (): Promise<number> => {
    const [row] = await t.ds.query('SELECT COUNT(*) AS n FROM migrations');
    return Number(row.n);
  };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('starts with every migration applied and every entity table present', async () => {
    expect(await appliedCount()).toBe(MIGRATIONS.length);
    expect(appTables()).toHaveLength(ENTITIES.length);
    initialTables = await existingTables();
    expect(initialTables).toEqual(expect.arrayContaining([...appTables(), 'migrations']));
    expect(await t.ds.showMigrations()).toBe(false);
  });

  it('undoes every migration: the app tables are gone, only the migrations table is left', async () => {
    await buildCity(t);
    let undone = 0;
    while ((await appliedCount()) > 0) {
      await gated(t, () => t.ds.undoLastMigration({ transaction: 'each' }));
      undone += 1;
      if (undone > MIGRATIONS.length) throw new Error('undoLastMigration does not make progress');
    }
    expect(undone).toBe(MIGRATIONS.length);
    const tables = await existingTables();
    for (const table of appTables()) expect(tables).not.toContain(table);
    expect(tables).toEqual(['migrations']);
    expect(await t.ds.showMigrations()).toBe(true);
  });

  it('runs them again: the tables are back, empty, and the API works on them', async () => {
    const ran = await runMigrations(t.ds);
    expect(ran).toEqual(MIGRATIONS.map((m) => new m().name));
    expect(await appliedCount()).toBe(MIGRATIONS.length);
    expect(await existingTables()).toEqual(initialTables);
    expect(Object.values(await t.counts()).every((n) => n === 0)).toBe(true);

    // A second run finds nothing to do.
    expect(await runMigrations(t.ds)).toEqual([]);

    const city = await buildCity(t);
    const admin = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
    const res = await t
      .http()
      .get(`/api/org/nodes/${city.a.id}/children?type=${OrgNodeType.Building}`)
      .set(admin.auth)
      .expect(200);
    expect(res.body.map((n: { id: number }) => n.id)).toEqual([city.a.buildingId]);
    await t.http().get(`/api/communities/by-code/${city.a.code}`).expect(200);
    await t.http().get('/health/ready').expect(200);
  });

  (testDialect() === 'sqlite' ? it : it.skip)(
    'refuses, on SQLite, a transaction started outside the gate',
    async () => {
      await expect(t.ds.createQueryRunner().startTransaction()).rejects.toThrow(
        /On SQLite, start transactions with DataSource.transaction/,
      );
    },
  );
});
