/**
 * The schema stays portable to distributed MySQL-protocol databases (TiDB, OceanBase): what the
 * migrations create is read back from the catalogue (information_schema on MariaDB, sqlite_master
 * on SQLite) and checked against the rules of docs/distributed-sql.md.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../../support/test-app';
import { testDialect } from '../../support/test-db';

const mysql = testDialect() === 'mysql';

/** Tables of the app's schema that have no primary key. */
async function tablesWithoutPrimaryKey(ds: DataSource): Promise<string[]> {
  if (mysql) {
    const rows: { name: string }[] = await ds.query(
      `SELECT t.TABLE_NAME AS name FROM information_schema.TABLES t
        WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'
          AND NOT EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS c
                           WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME
                             AND c.CONSTRAINT_TYPE = 'PRIMARY KEY')
        ORDER BY t.TABLE_NAME`,
    );
    return rows.map((r) => r.name);
  }
  const tables: { name: string }[] = await ds.query(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const missing: string[] = [];
  for (const { name } of tables) {
    const cols: { pk: number }[] = await ds.query(`PRAGMA table_info("${name}")`);
    if (!cols.some((c) => c.pk > 0)) missing.push(name);
  }
  return missing;
}

/** Every .ts file under a folder, tests excluded. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

describe(`a schema portable to distributed MySQL-protocol databases, on ${testDialect()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('gives every table an explicit primary key (TiDB and OceanBase otherwise add a hidden one)', async () => {
    expect(await tablesWithoutPrimaryKey(t.ds)).toEqual([]);
  });

  it('would notice a table without one', async () => {
    await t.ds.query('CREATE TABLE portable_probe (name VARCHAR(20) NOT NULL)');
    try {
      expect(await tablesWithoutPrimaryKey(t.ds)).toEqual(['portable_probe']);
    } finally {
      await t.ds.query('DROP TABLE portable_probe');
    }
  });

  (mysql ? it : it.skip)('uses only InnoDB tables in utf8mb4, and no triggers, routines or events', async () => {
    const odd: unknown[] = await t.ds.query(
      `SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'
          AND (ENGINE <> 'InnoDB' OR TABLE_COLLATION NOT LIKE 'utf8mb4%')`,
    );
    expect(odd).toEqual([]);
    const [counts] = await t.ds.query(
      `SELECT (SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()) AS triggers,
              (SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()) AS routines,
              (SELECT COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()) AS events`,
    );
    expect({
      ...counts,
      triggers: Number(counts.triggers),
      routines: Number(counts.routines),
      events: Number(counts.events),
    }).toEqual({
      triggers: 0,
      routines: 0,
      events: 0,
    });
  });

  (mysql ? it : it.skip)(
    'has no FULLTEXT or SPATIAL index, and no column AUTO_INCREMENT outside the primary key',
    async () => {
      const indexes: unknown[] = await t.ds.query(
        `SELECT TABLE_NAME, INDEX_NAME, INDEX_TYPE FROM information_schema.STATISTICS
        WHERE TABLE_SCHEMA = DATABASE() AND INDEX_TYPE IN ('FULLTEXT', 'SPATIAL')`,
      );
      expect(indexes).toEqual([]);
      const counters: unknown[] = await t.ds.query(
        `SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = DATABASE() AND EXTRA LIKE '%auto_increment%' AND COLUMN_KEY <> 'PRI'`,
      );
      expect(counters).toEqual([]);
    },
  );

  it('locks rows only by primary key or through the reviewed locking reads (no range locks to rely on)', () => {
    // A distributed engine locks the rows a locking read returns, never the gaps between them:
    // each locking read below is a point lock, or its correctness rests on a point lock taken first.
    const reviewed = new Map([
      ['platform/database/sql.ts', 3], // lockRow (by id), forUpdate (callers read by id) and its comment
      ['loop/claims/waitlist.service.ts', 1], // firstWaitlisted: the task's row is locked first
      ['org/org-upkeep.service.ts', 1], // locked(): org nodes by a list of ids, in id order
      ['reporting/stats/stats-rollup-refresh.ts', 1], // the one row of stats_refresh_state, by id
    ]);
    const root = join(__dirname, '..', '..', '..', 'src');
    const found = new Map<string, number>();
    for (const file of sources(root)) {
      const n = (
        readFileSync(file, 'utf8').match(/FOR UPDATE|LOCK IN SHARE MODE|FOR SHARE|pessimistic_(write|read)/g) ?? []
      ).length;
      if (n) found.set(file.slice(root.length + 1), n);
    }
    expect(Object.fromEntries(found)).toEqual(Object.fromEntries(reviewed));
  });
});
