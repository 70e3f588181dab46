import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The member feed's cache is revalidated on every request by the newest `updated_at` of the
 * street's tasks: one index dive. Claim DTOs sum each claim's points: the ledger gets an index on
 * `claim_id`.
 */
export class FeedCache1732600000000 implements MigrationInterface {
  name = 'FeedCache1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'tasks',
      new TableIndex({ name: 'ix_tasks_street_updated', columnNames: ['street_id', 'updated_at'] }),
    );
    await q.createIndex('points_ledger', new TableIndex({ name: 'ix_points_claim', columnNames: ['claim_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('points_ledger', 'ix_points_claim');
    await q.dropIndex('tasks', 'ix_tasks_street_updated');
  }
}
