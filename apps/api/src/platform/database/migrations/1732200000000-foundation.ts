import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/** The org tree, accounts and sessions, registration (报到) and unit pairings. */
export class Foundation1732200000000 implements MigrationInterface {
  name = 'Foundation1732200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'org_nodes',
        columns: [
          col.id(),
          col.str('type', 32),
          col.str('name', 100),
          col.str('code', 32, { isNullable: true }),
          col.fk('parent_id', true),
          col.str('path', 255),
          col.int('depth'),
          col.str('address', 255, { isNullable: true }),
          col.double('latitude'),
          col.double('longitude'),
          col.date('created_at'),
          col.date('updated_at'),
        ],
        foreignKeys: [{ columnNames: ['parent_id'], referencedTableName: 'org_nodes', referencedColumnNames: ['id'] }],
        indices: [
          new TableIndex({ name: 'uq_org_nodes_code', columnNames: ['code'], isUnique: true }),
          new TableIndex({ name: 'ix_org_nodes_path', columnNames: ['path'] }),
          new TableIndex({ name: 'ix_org_nodes_parent', columnNames: ['parent_id', 'type'] }),
          new TableIndex({ name: 'ix_org_nodes_type', columnNames: ['type', 'id'] }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'positions',
        columns: [
          col.id(),
          col.fk('community_id'),
          col.str('code', 32),
          col.str('name', 50),
          col.str('description', 500, { isNullable: true }),
          col.bool('active', true),
          col.int('sort_order', { default: 0 }),
          col.date('created_at'),
        ],
        foreignKeys: [
          { columnNames: ['community_id'], referencedTableName: 'org_nodes', referencedColumnNames: ['id'] },
        ],
        indices: [new TableIndex({ name: 'uq_positions_code', columnNames: ['community_id', 'code'], isUnique: true })],
      }),
    );

    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          col.id(),
          col.str('name', 50),
          col.str('phone_enc', 255, { isNullable: true }),
          col.str('phone_hash', 64, { isNullable: true }),
          col.str('password_hash', 100, { isNullable: true }),
          col.str('openid', 64, { isNullable: true }),
          col.str('unionid', 64, { isNullable: true }),
          col.int('failed_login_count', { default: 0 }),
          col.date('locked_until', true),
          col.str('consent_version', 20, { isNullable: true }),
          col.date('consent_at', true),
          col.date('deleted_at', true),
          col.date('created_at'),
          col.date('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_users_phone_hash', columnNames: ['phone_hash'], isUnique: true }),
          new TableIndex({ name: 'uq_users_openid', columnNames: ['openid'], isUnique: true }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'user_roles',
        columns: [
          col.id(),
          col.fk('user_id'),
          col.str('role', 32),
          col.fk('scope_node_id', true),
          col.date('created_at'),
        ],
        foreignKeys: [
          { columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'] },
          { columnNames: ['scope_node_id'], referencedTableName: 'org_nodes', referencedColumnNames: ['id'] },
        ],
        indices: [
          new TableIndex({ name: 'uq_user_roles', columnNames: ['user_id', 'role', 'scope_node_id'], isUnique: true }),
          new TableIndex({ name: 'ix_user_roles_scope', columnNames: ['scope_node_id', 'role'] }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          col.id(),
          col.fk('user_id'),
          col.str('token_hash', 64),
          col.str('family_id', 36),
          col.date('expires_at'),
          col.date('revoked_at', true),
          col.fk('replaced_by_id', true),
          col.date('created_at'),
        ],
        foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'] }],
        indices: [
          new TableIndex({ name: 'uq_refresh_tokens_hash', columnNames: ['token_hash'], isUnique: true }),
          new TableIndex({ name: 'ix_refresh_tokens_family', columnNames: ['family_id'] }),
          new TableIndex({ name: 'ix_refresh_tokens_user', columnNames: ['user_id'] }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'consents',
        columns: [
          col.id(),
          col.fk('user_id'),
          col.str('notice_version', 20),
          col.date('accepted_at'),
          col.str('ip', 64, { isNullable: true }),
          col.str('user_agent', 255, { isNullable: true }),
        ],
        foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'] }],
        indices: [new TableIndex({ name: 'ix_consents_user', columnNames: ['user_id'] })],
      }),
    );

    await q.createTable(
      new Table({
        name: 'registrations',
        columns: [
          col.id(),
          col.fk('user_id'),
          col.fk('community_id'),
          col.str('status', 16),
          col.str('name', 50),
          col.str('phone_enc', 255),
          col.str('phone_hash', 64),
          col.str('id_number_enc', 255, { isNullable: true }),
          col.str('id_number_hash', 64, { isNullable: true }),
          col.fk('work_unit_id', true),
          col.str('work_unit_name', 100),
          col.str('unit_party_org_name', 100),
          col.fk('building_id', true),
          col.str('residence_detail', 200),
          col.text('skills'),
          col.text('free_time'),
          col.fk('branch_id', true),
          col.fk('group_id', true),
          col.fk('grid_id', true),
          col.str('reject_reason', 200, { isNullable: true }),
          col.fk('reviewed_by_id', true),
          col.date('reviewed_at', true),
          col.date('approved_at', true),
          col.str('consent_version', 20),
          col.str('card_no', 32, { isNullable: true }),
          col.bool('unit_confirmed', false),
          col.date('submitted_at'),
          col.date('updated_at'),
        ],
        foreignKeys: [
          { columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'] },
          { columnNames: ['community_id'], referencedTableName: 'org_nodes', referencedColumnNames: ['id'] },
          { columnNames: ['work_unit_id'], referencedTableName: 'org_nodes', referencedColumnNames: ['id'] },
          { columnNames: ['building_id'], referencedTableName: 'org_nodes', referencedColumnNames: ['id'] },
        ],
        indices: [
          new TableIndex({ name: 'uq_registrations_user', columnNames: ['user_id'], isUnique: true }),
          new TableIndex({ name: 'uq_registrations_card', columnNames: ['card_no'], isUnique: true }),
          new TableIndex({ name: 'ix_registrations_community', columnNames: ['community_id', 'status', 'id'] }),
          new TableIndex({ name: 'ix_registrations_unit', columnNames: ['work_unit_id', 'status'] }),
          new TableIndex({ name: 'ix_registrations_phone', columnNames: ['phone_hash'] }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'registration_positions',
        columns: [
          { ...col.fk('registration_id'), isPrimary: true },
          { ...col.fk('position_id'), isPrimary: true },
        ],
        foreignKeys: [
          { columnNames: ['registration_id'], referencedTableName: 'registrations', referencedColumnNames: ['id'] },
          { columnNames: ['position_id'], referencedTableName: 'positions', referencedColumnNames: ['id'] },
        ],
        indices: [new TableIndex({ name: 'ix_registration_positions_position', columnNames: ['position_id'] })],
      }),
    );

    await q.createTable(
      new Table({
        name: 'unit_pairings',
        columns: [
          col.id(),
          col.fk('unit_id'),
          col.fk('community_id'),
          col.str('note', 200, { isNullable: true }),
          col.fk('created_by_id'),
          col.date('created_at'),
        ],
        foreignKeys: [
          { columnNames: ['unit_id'], referencedTableName: 'org_nodes', referencedColumnNames: ['id'] },
          { columnNames: ['community_id'], referencedTableName: 'org_nodes', referencedColumnNames: ['id'] },
        ],
        indices: [
          new TableIndex({ name: 'uq_unit_pairings', columnNames: ['unit_id', 'community_id'], isUnique: true }),
          new TableIndex({ name: 'ix_unit_pairings_community', columnNames: ['community_id'] }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'pairing_items',
        columns: [
          col.id(),
          col.fk('pairing_id'),
          col.str('list_type', 16),
          col.str('title', 100),
          col.str('description', 1000, { isNullable: true }),
          col.str('status', 16),
          col.fk('created_by_id'),
          col.date('created_at'),
          col.date('updated_at'),
        ],
        foreignKeys: [
          { columnNames: ['pairing_id'], referencedTableName: 'unit_pairings', referencedColumnNames: ['id'] },
        ],
        indices: [new TableIndex({ name: 'ix_pairing_items_pairing', columnNames: ['pairing_id', 'list_type', 'id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'pairing_items',
      'unit_pairings',
      'registration_positions',
      'registrations',
      'consents',
      'refresh_tokens',
      'user_roles',
      'users',
      'positions',
      'org_nodes',
    ]) {
      await q.dropTable(t);
    }
  }
}
