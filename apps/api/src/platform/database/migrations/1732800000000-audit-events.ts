import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * The audit log (MLPS 2.0): an append-only record of who did what to which object from where.
 * No foreign keys: a row must outlive the account, node or object it names. `node_path` is the
 * object's node's materialised path at the time, for scoped reads (a district's subtree).
 *
 * `job_leases`: one row per background job that must run in one process at a time across all
 * API processes sharing the database (the retention purge first).
 */
export class AuditEvents1732800000000 implements MigrationInterface {
  name = 'AuditEvents1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          col.id(),
          col.date('occurred_at'),
          col.str('action', 48),
          col.fk('actor_user_id', true),
          col.str('actor_role', 32, { isNullable: true }),
          col.fk('actor_scope_node_id', true),
          col.str('object_type', 32),
          col.str('object_id', 64, { isNullable: true }),
          col.fk('node_id', true),
          col.str('node_path', 255, { isNullable: true }),
          col.str('ip', 64, { isNullable: true }),
          col.str('request_id', 64, { isNullable: true }),
          col.text('detail', true),
        ],
        indices: [
          new TableIndex({ name: 'ix_audit_events_occurred', columnNames: ['occurred_at'] }),
          new TableIndex({ name: 'ix_audit_events_action', columnNames: ['action', 'id'] }),
          new TableIndex({ name: 'ix_audit_events_actor', columnNames: ['actor_user_id', 'id'] }),
          new TableIndex({ name: 'ix_audit_events_object', columnNames: ['object_type', 'object_id', 'id'] }),
          new TableIndex({ name: 'ix_audit_events_node', columnNames: ['node_path', 'id'] }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'job_leases',
        columns: [
          col.str('name', 64, { isPrimary: true }),
          col.str('holder', 128, { isNullable: true }),
          col.date('leased_until', true),
          col.date('next_run_at'),
          col.date('last_run_at', true),
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('job_leases', true);
    await q.dropTable('audit_events', true);
  }
}
