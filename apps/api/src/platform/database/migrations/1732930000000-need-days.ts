import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * A district's accepted needs per Shanghai day (`stats_district_need_days`): how many, how many
 * fulfilled, and their seconds to accept and to fulfil summed, so a district read sums at most a
 * year of rows instead of every accepted need of the year (0.07 s at 100× seed 003). Kept from
 * `stats_need_facts`; the roll-ups are marked unbuilt, so the next build fills it.
 */
export class NeedDays1732930000000 implements MigrationInterface {
  name = 'NeedDays1732930000000';

  async up(q: QueryRunner): Promise<void> {
    const big = (name: string) => ({ name, type: 'bigint', isNullable: false });
    await q.createTable(
      new Table({
        name: 'stats_district_need_days',
        columns: [
          { ...col.int('district_id'), isPrimary: true },
          { ...col.int('day'), isPrimary: true },
          col.int('accepted'),
          col.int('fulfilled'),
          big('accept_seconds'),
          big('fulfil_seconds'),
        ],
      }),
    );
    await q.query('UPDATE stats_refresh_state SET built_at = NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('stats_district_need_days');
    await q.query('UPDATE stats_refresh_state SET built_at = NULL');
  }
}
