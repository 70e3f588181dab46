import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * Staff appointment by invitation: terms and grantor on role grants (user_roles), and the
 * invitations themselves (phone encrypted, with its keyed hash for the invitee's look-up).
 */
export class StaffAppointments1732860000000 implements MigrationInterface {
  name = 'StaffAppointments1732860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('user_roles', [
      new TableColumn(col.date('starts_at', true)),
      new TableColumn(col.date('ends_at', true)),
      new TableColumn(col.fk('granted_by_id', true)),
    ]);
    await q.query('UPDATE user_roles SET starts_at = created_at');
    await q.createTable(
      new Table({
        name: 'role_invitations',
        columns: [
          col.id(),
          col.str('phone_enc', 255),
          col.str('phone_hash', 64),
          col.str('role', 32),
          col.fk('scope_node_id', true),
          col.date('term_ends_at', true),
          col.str('note', 200, { isNullable: true }),
          col.str('status', 16),
          col.fk('invited_by_id'),
          col.fk('invitee_user_id', true),
          col.date('expires_at'),
          col.date('responded_at', true),
          col.date('created_at'),
        ],
        foreignKeys: [
          { columnNames: ['scope_node_id'], referencedTableName: 'org_nodes', referencedColumnNames: ['id'] },
          { columnNames: ['invited_by_id'], referencedTableName: 'users', referencedColumnNames: ['id'] },
          { columnNames: ['invitee_user_id'], referencedTableName: 'users', referencedColumnNames: ['id'] },
        ],
        indices: [
          new TableIndex({ name: 'ix_role_invitations_phone', columnNames: ['phone_hash', 'status'] }),
          new TableIndex({ name: 'ix_role_invitations_node', columnNames: ['scope_node_id', 'status'] }),
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('role_invitations', true, true, true);
    await q.dropColumns('user_roles', ['granted_by_id', 'ends_at', 'starts_at']);
  }
}
