import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * Failed logins per (account, source): `source` is the client IP, or "*" for the count from all
 * sources within a window. The account is the keyed hash of the phone, so unknown phones count
 * (and lock) exactly like registered ones.
 */
export class LoginFailures1732710000000 implements MigrationInterface {
  name = 'LoginFailures1732710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'login_failures',
        columns: [
          col.id(),
          col.str('account_hash', 64),
          col.str('source', 64),
          col.int('failure_count', { default: 0 }),
          col.date('window_started_at'),
          col.date('locked_until', true),
        ],
        indices: [
          new TableIndex({
            name: 'uq_login_failures_account_source',
            columnNames: ['account_hash', 'source'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_login_failures_window', columnNames: ['window_started_at'] }),
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('login_failures', true);
  }
}
