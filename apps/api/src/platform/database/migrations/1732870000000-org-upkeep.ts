import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * 组织维护: an org node can be closed (撤销) and reopened. A closed node keeps its rows, so past
 * periods' numbers still count it; it only leaves the pickers for new registrations and tasks.
 * Also clears the unit confirmation of registrations of deleted accounts (a data fix, not undone).
 */
export class OrgUpkeep1732870000000 implements MigrationInterface {
  name = 'OrgUpkeep1732870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('org_nodes', new TableColumn(col.date('closed_at', true)));
    // Accounts deleted before the fix kept 单位已确认: no roster can list a deleted account.
    await q.query(
      "UPDATE registrations SET unit_confirmed = 0 WHERE phone_hash LIKE 'deleted:%' AND unit_confirmed = 1",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // TypeORM drops a SQLite column by rebuilding the table, which fails once other tables' rows
    // reference org_nodes; SQLite (≥ 3.35) drops a plain column in place.
    if (q.connection.options.type === 'mysql') await q.dropColumn('org_nodes', 'closed_at');
    else await q.query('ALTER TABLE "org_nodes" DROP COLUMN "closed_at"');
  }
}
