import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

const fk = (column: string, table: string) => ({
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
});

/**
 * ratings.task_id had only the index MySQL made for its foreign key, which MySQL drops once this one
 * exists; `down` gives the foreign key a plain index back before dropping it.
 */
const RATINGS_TASK_INDEX = 'ix_ratings_task';

/** Indexes on the service-loop tables that the statistics read (and the roll-up refresh scans). */
const LOOP_INDEXES: [string, TableIndex][] = [
  // Territory figures go task → claims/ratings; member figures registration → claims; all covering.
  [
    'claims',
    new TableIndex({
      name: 'ix_claims_verified',
      columnNames: ['status', 'verified_at', 'task_id', 'member_user_id', 'credit_half_hours'],
    }),
  ],
  [
    'claims',
    new TableIndex({
      name: 'ix_claims_task_verified',
      columnNames: ['task_id', 'status', 'verified_at', 'credit_half_hours'],
    }),
  ],
  [
    'claims',
    new TableIndex({
      name: 'ix_claims_member_verified',
      columnNames: ['member_user_id', 'status', 'verified_at', 'credit_half_hours'],
    }),
  ],
  ['claims', new TableIndex({ name: 'ix_claims_updated', columnNames: ['updated_at'] })],
  [
    'registrations',
    new TableIndex({ name: 'ix_registrations_scope', columnNames: ['community_id', 'status', 'user_id', 'name'] }),
  ],
  [
    'registrations',
    new TableIndex({ name: 'ix_registrations_unit_scope', columnNames: ['work_unit_id', 'status', 'user_id', 'name'] }),
  ],
  ['registrations', new TableIndex({ name: 'ix_registrations_match', columnNames: ['phone_hash', 'name', 'status'] })],
  ['registrations', new TableIndex({ name: 'ix_registrations_updated', columnNames: ['updated_at'] })],
  [
    'ratings',
    new TableIndex({
      name: 'ix_ratings_created',
      columnNames: ['created_at', 'kind', 'score', 'task_id', 'member_user_id'],
    }),
  ],
  ['ratings', new TableIndex({ name: RATINGS_TASK_INDEX, columnNames: ['task_id', 'created_at', 'kind', 'score'] })],
  [
    'needs',
    new TableIndex({
      name: 'ix_needs_accepted',
      columnNames: ['community_id', 'accepted_at', 'created_at', 'fulfilled_at'],
    }),
  ],
  ['needs', new TableIndex({ name: 'ix_needs_updated', columnNames: ['updated_at'] })],
  [
    'tasks',
    new TableIndex({ name: 'ix_tasks_created', columnNames: ['community_id', 'created_at', 'kind', 'status'] }),
  ],
  ['tasks', new TableIndex({ name: 'ix_tasks_updated', columnNames: ['updated_at'] })],
  // Not led by community_id: MySQL would let such an index replace the foreign key's own, and then refuse to drop it.
  [
    'backfills',
    new TableIndex({ name: 'ix_backfills_created', columnNames: ['created_at', 'community_id', 'half_hours'] }),
  ],
];

/**
 * 报回单位 and the numbers: unit rosters (单位党员名册), and the district roll-ups that keep a whole
 * district's dashboard fast. The roll-ups are derived data only: dropping and rebuilding them loses
 * nothing (the API rebuilds them when `stats_refresh_state` is empty).
 */
export class RostersAndStats1732400000000 implements MigrationInterface {
  name = 'RostersAndStats1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'unit_roster_entries',
        columns: [
          col.id(),
          col.fk('unit_id'),
          col.int('row_no'),
          col.str('name', 50),
          col.str('phone_enc', 255),
          col.str('phone_hash', 64),
          col.str('party_branch', 100, { isNullable: true }),
          col.str('position', 50, { isNullable: true }),
          col.date('created_at'),
        ],
        foreignKeys: [fk('unit_id', 'org_nodes')],
        indices: [
          new TableIndex({ name: 'ix_roster_unit', columnNames: ['unit_id', 'id'] }),
          new TableIndex({ name: 'ix_roster_match', columnNames: ['phone_hash', 'name'] }),
        ],
      }),
    );
    // One row per unit that has uploaded a roster: when and by whom (also the roll-up's change signal).
    await q.createTable(
      new Table({
        name: 'unit_rosters',
        columns: [
          { ...col.fk('unit_id'), isPrimary: true },
          col.int('entries'),
          col.fk('uploaded_by_id'),
          col.date('updated_at'),
        ],
        foreignKeys: [fk('unit_id', 'org_nodes'), fk('uploaded_by_id', 'users')],
        indices: [new TableIndex({ name: 'ix_unit_rosters_updated', columnNames: ['updated_at'] })],
      }),
    );

    for (const [table, index] of LOOP_INDEXES) await q.createIndex(table, index);

    // ───── district roll-ups (derived; see reporting/stats/stats-rollup.service.ts) ─────
    await q.createTable(
      new Table({
        name: 'stats_refresh_state',
        columns: [{ ...col.int('id'), isPrimary: true }, col.date('watermark', true), col.date('built_at', true)],
      }),
    );
    // Changed source rows already applied, with the signature of the fields the roll-ups read, kept
    // while they are inside the refresh's look-back margin (so a row is applied once, not on every read).
    await q.createTable(
      new Table({
        name: 'stats_seen',
        columns: [
          { ...col.str('source', 16), isPrimary: true },
          { ...col.int('row_id'), isPrimary: true },
          col.str('signature', 255),
          col.date('stamp'),
        ],
        indices: [new TableIndex({ name: 'ix_stats_seen_stamp', columnNames: ['stamp'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'stats_members',
        columns: [
          { ...col.int('user_id'), isPrimary: true },
          col.int('district_id', { isNullable: true }),
          col.int('community_id'),
          col.int('unit_id', { isNullable: true }),
          col.bool('approved', false),
          col.str('phone_hash', 64),
          col.str('name', 50),
        ],
        indices: [new TableIndex({ name: 'ix_stats_members_district', columnNames: ['district_id', 'approved'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'stats_member_years',
        columns: [
          { ...col.int('user_id'), isPrimary: true },
          { ...col.int('year'), isPrimary: true },
          col.int('district_id', { isNullable: true }),
          col.bool('approved', false),
          col.int('services'),
          col.int('half_hours'),
        ],
        indices: [
          new TableIndex({
            name: 'ix_stats_member_years_top',
            columnNames: ['district_id', 'year', 'approved', 'half_hours', 'services', 'user_id'],
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'stats_district_days',
        columns: [
          { ...col.int('district_id'), isPrimary: true },
          { ...col.int('day'), isPrimary: true },
          col.int('services'),
          col.int('half_hours'),
          col.int('backfill_half_hours'),
          col.int('resident_ratings'),
          col.int('resident_satisfied'),
          col.int('community_ratings'),
          col.int('community_satisfied'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'stats_district_task_days',
        columns: [
          { ...col.int('district_id'), isPrimary: true },
          { ...col.int('day'), isPrimary: true },
          { ...col.str('kind', 16), isPrimary: true },
          { ...col.str('status', 16), isPrimary: true },
          col.int('n'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'stats_district_counters',
        columns: [
          { ...col.int('district_id'), isPrimary: true },
          // 0: the registered-members row; a calendar year: members who served that year.
          { ...col.int('year'), isPrimary: true },
          col.int('members'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'stats_need_facts',
        columns: [
          { ...col.int('need_id'), isPrimary: true },
          col.int('district_id'),
          col.int('accepted_day'),
          col.int('accept_seconds'),
          col.int('fulfil_seconds', { isNullable: true }),
        ],
        // Covering: counts and sums read the first, the medians walk the other two in order.
        indices: [
          new TableIndex({
            name: 'ix_stats_need_facts_day',
            columnNames: ['district_id', 'accepted_day', 'accept_seconds', 'fulfil_seconds'],
          }),
          new TableIndex({
            name: 'ix_stats_need_facts_accept',
            columnNames: ['district_id', 'accept_seconds', 'accepted_day'],
          }),
          new TableIndex({
            name: 'ix_stats_need_facts_fulfil',
            columnNames: ['district_id', 'fulfil_seconds', 'accepted_day'],
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'stats_unit_roster',
        columns: [
          { ...col.int('unit_id'), isPrimary: true },
          col.int('district_id', { isNullable: true }),
          col.int('entries'),
          col.int('registered'),
        ],
        indices: [new TableIndex({ name: 'ix_stats_unit_roster_district', columnNames: ['district_id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'stats_unit_roster',
      'stats_need_facts',
      'stats_district_counters',
      'stats_district_task_days',
      'stats_district_days',
      'stats_member_years',
      'stats_members',
      'stats_seen',
      'stats_refresh_state',
    ]) {
      await q.dropTable(t);
    }
    if (q.connection.options.type === 'mysql') {
      await q.createIndex('ratings', new TableIndex({ name: 'ix_ratings_task_fk', columnNames: ['task_id'] }));
    }
    for (const [table, index] of [...LOOP_INDEXES].reverse()) await q.dropIndex(table, index.name!);
    await q.dropTable('unit_rosters');
    await q.dropTable('unit_roster_entries');
  }
}
