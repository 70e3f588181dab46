import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/** Matching: per-community weights, invitations, recommendation impressions, and when tasks fill. */
export class Matching1732500000000 implements MigrationInterface {
  name = 'Matching1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('tasks', new TableColumn(col.date('filled_at', true)));
    await q.createTable(
      new Table({
        name: 'matching_weights',
        columns: [
          { ...col.fk('community_id'), isPrimary: true },
          col.text('weights'),
          col.fk('updated_by_id'),
          col.date('updated_at'),
        ],
        foreignKeys: [
          { columnNames: ['community_id'], referencedTableName: 'org_nodes', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'task_invites',
        columns: [
          col.id(),
          col.fk('task_id'),
          col.fk('user_id'),
          col.fk('invited_by_id'),
          col.str('status', 16),
          col.double('score'),
          col.date('created_at'),
          col.date('updated_at'),
        ],
        foreignKeys: [
          { columnNames: ['task_id'], referencedTableName: 'tasks', referencedColumnNames: ['id'] },
          { columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'] },
        ],
        indices: [
          new TableIndex({ name: 'uq_task_invites', columnNames: ['task_id', 'user_id'], isUnique: true }),
          new TableIndex({ name: 'ix_task_invites_user', columnNames: ['user_id', 'id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rec_impressions',
        columns: [
          col.id(),
          col.fk('user_id'),
          col.fk('task_id'),
          col.fk('community_id'),
          col.str('source', 16),
          col.int('day'),
          col.int('shown_rank'),
          col.double('score'),
          col.date('created_at'),
        ],
        indices: [
          // One impression per member, task, source and day: the table grows with use, not with page views.
          new TableIndex({
            name: 'uq_rec_impressions',
            columnNames: ['user_id', 'task_id', 'source', 'day'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_rec_impressions_community', columnNames: ['community_id', 'created_at'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('rec_impressions');
    await q.dropTable('task_invites');
    await q.dropTable('matching_weights');
    await q.dropColumn('tasks', 'filled_at');
  }
}
