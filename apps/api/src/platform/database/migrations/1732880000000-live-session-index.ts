import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Every authenticated request asks whether its session (refresh-token family) still has an
 * unrevoked token (platform/auth/principal-loader.ts). An index on (family_id, revoked_at, user_id)
 * answers that from the index alone, reading only the family's live tokens instead of every row the
 * family ever had; it replaces the index on family_id, which is its prefix.
 */
export class LiveSessionIndex1732880000000 implements MigrationInterface {
  name = 'LiveSessionIndex1732880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'refresh_tokens',
      new TableIndex({ name: 'ix_refresh_tokens_family_live', columnNames: ['family_id', 'revoked_at', 'user_id'] }),
    );
    await q.dropIndex('refresh_tokens', 'ix_refresh_tokens_family');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'refresh_tokens',
      new TableIndex({ name: 'ix_refresh_tokens_family', columnNames: ['family_id'] }),
    );
    await q.dropIndex('refresh_tokens', 'ix_refresh_tokens_family_live');
  }
}
