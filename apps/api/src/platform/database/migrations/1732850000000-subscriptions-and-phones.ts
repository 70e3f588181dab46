import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

const toUsers = { columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'] };

/**
 * WeChat subscribe-message acceptances (one row per user and template, counting the unused
 * one-time acceptances), and verified phone numbers: SMS codes (hashed) and the short-lived proofs
 * a registration needs.
 */
export class SubscriptionsAndPhones1732850000000 implements MigrationInterface {
  name = 'SubscriptionsAndPhones1732850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'subscription_grants',
        columns: [
          col.id(),
          col.fk('user_id'),
          col.str('template_id', 64),
          col.int('remaining', { default: 0 }),
          col.str('last_choice', 8, { isNullable: true }),
          col.date('created_at'),
          col.date('updated_at'),
        ],
        foreignKeys: [toUsers],
        indices: [
          new TableIndex({
            name: 'uq_subscription_grants_user_template',
            columnNames: ['user_id', 'template_id'],
            isUnique: true,
          }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'sms_codes',
        columns: [
          col.id(),
          col.fk('user_id'),
          col.str('phone_hash', 64),
          col.str('code_hash', 64),
          col.int('attempts', { default: 0 }),
          col.date('expires_at'),
          col.date('consumed_at', true),
          col.date('created_at'),
        ],
        foreignKeys: [toUsers],
        indices: [new TableIndex({ name: 'ix_sms_codes_user_phone', columnNames: ['user_id', 'phone_hash'] })],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'phone_verifications',
        columns: [
          col.id(),
          col.fk('user_id'),
          col.str('phone_hash', 64),
          col.str('method', 8),
          col.date('verified_at'),
          col.date('expires_at'),
        ],
        foreignKeys: [toUsers],
        indices: [
          new TableIndex({ name: 'ix_phone_verifications_user_phone', columnNames: ['user_id', 'phone_hash'] }),
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('phone_verifications', true, true, true);
    await q.dropTable('sms_codes', true, true, true);
    await q.dropTable('subscription_grants', true, true, true);
  }
}
