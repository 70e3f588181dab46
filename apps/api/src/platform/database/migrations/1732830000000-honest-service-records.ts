import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * Honest service records:
 * - `checkin_failures`: wrong check-in codes per (member, task), and until when the code is
 *   refused to that member on that task; in the database so every API process sees the same count.
 * - an index on `registrations.id_number_hash` (the keyed hash of the encrypted ID number), to
 *   find another member registered with the same ID number.
 */
export class HonestServiceRecords1732830000000 implements MigrationInterface {
  name = 'HonestServiceRecords1732830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'checkin_failures',
        columns: [
          col.id(),
          col.fk('member_user_id'),
          col.fk('task_id'),
          col.int('failure_count', { default: 0 }),
          col.date('locked_until', true),
          col.date('updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_checkin_failures_member_task',
            columnNames: ['member_user_id', 'task_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_checkin_failures_updated', columnNames: ['updated_at'] }),
        ],
      }),
      true,
    );
    await q.createIndex(
      'registrations',
      new TableIndex({ name: 'ix_registrations_id_number', columnNames: ['id_number_hash', 'status'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('registrations', 'ix_registrations_id_number');
    await q.dropTable('checkin_failures', true);
  }
}
