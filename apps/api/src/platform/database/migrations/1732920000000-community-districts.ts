import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * The district each community's figures were rolled up under (`stats_community_districts`), so a
 * refresh can tell a community that moved to another district (a street or community move) and
 * rebuild, instead of leaving its history counted in the old district. The roll-ups are marked
 * unbuilt, so the next build fills it.
 */
export class CommunityDistricts1732920000000 implements MigrationInterface {
  name = 'CommunityDistricts1732920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'stats_community_districts',
        columns: [{ ...col.int('community_id'), isPrimary: true }, col.int('district_id')],
      }),
    );
    await q.query('UPDATE stats_refresh_state SET built_at = NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('stats_community_districts');
    await q.query('UPDATE stats_refresh_state SET built_at = NULL');
  }
}
