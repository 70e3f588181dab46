import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * The district's roster people (报到率 counts people, not roster lines) as a roll-up, so a district
 * dashboard no longer groups every roster entry of the district on each read:
 * - `stats_roster_people`: one row per district and person (keyed phone hash and name), with
 *   whether any approved registration matches them;
 * - `stats_district_roster`: the district's count of those rows and of the registered ones;
 * - `stats_roster_stale`: phone hashes of roster lines a re-upload replaced, until the next refresh
 *   has recomputed those people (the lines themselves are gone);
 * - an index to find work units moved to another district since the last refresh.
 * The roll-ups are marked unbuilt, so the next read rebuilds them with the new tables filled.
 */
export class RosterPeopleRollup1732910000000 implements MigrationInterface {
  name = 'RosterPeopleRollup1732910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'stats_roster_people',
        columns: [
          { ...col.int('district_id'), isPrimary: true },
          { ...col.str('phone_hash', 64), isPrimary: true },
          { ...col.str('name', 50), isPrimary: true },
          col.int('registered'),
        ],
        indices: [new TableIndex({ name: 'ix_stats_roster_people_hash', columnNames: ['phone_hash'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'stats_district_roster',
        columns: [{ ...col.int('district_id'), isPrimary: true }, col.int('people'), col.int('registered')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'stats_roster_stale',
        columns: [col.id(), col.str('phone_hash', 64), col.date('created_at')],
      }),
    );
    await q.createIndex(
      'org_nodes',
      new TableIndex({ name: 'ix_org_nodes_updated', columnNames: ['type', 'updated_at'] }),
    );
    await q.query('UPDATE stats_refresh_state SET built_at = NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('org_nodes', 'ix_org_nodes_updated');
    await q.dropTable('stats_roster_stale');
    await q.dropTable('stats_district_roster');
    await q.dropTable('stats_roster_people');
    await q.query('UPDATE stats_refresh_state SET built_at = NULL');
  }
}
