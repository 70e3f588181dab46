import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

const fk = (column: string, table: string) => ({
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
});

/** 居民点单 → 社区下单 → 党员接单 → 活动评单: needs, tasks, claims, hours, ratings, points, notifications, emergencies. */
export class ServiceLoop1732300000000 implements MigrationInterface {
  name = 'ServiceLoop1732300000000';

  async up(q: QueryRunner): Promise<void> {
    // Photos live in the database so every API process serves them (no local disk state).
    await q.createTable(
      new Table({
        name: 'uploads',
        columns: [
          col.str('id', 36, { isPrimary: true }),
          col.fk('owner_user_id'),
          col.str('mime', 32),
          col.int('size'),
          { name: 'data', type: q.connection.options.type === 'mysql' ? 'mediumblob' : 'blob', isNullable: false },
          col.date('created_at'),
        ],
        foreignKeys: [fk('owner_user_id', 'users')],
        indices: [new TableIndex({ name: 'ix_uploads_owner', columnNames: ['owner_user_id', 'created_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'needs',
        columns: [
          col.id(),
          col.fk('community_id'),
          col.fk('building_id', true),
          col.fk('resident_user_id', true),
          col.fk('created_by_id'),
          col.bool('proxy', false),
          col.str('proxy_name', 50, { isNullable: true }),
          col.str('proxy_phone_enc', 255, { isNullable: true }),
          col.str('title', 50),
          col.str('description', 500),
          col.str('category', 24),
          col.str('place', 100, { isNullable: true }),
          col.double('latitude'),
          col.double('longitude'),
          col.date('expected_at', true),
          col.str('contact_phone_enc', 255, { isNullable: true }),
          col.text('photos'),
          col.str('status', 16),
          col.str('moderation', 16),
          col.str('reject_reason', 200, { isNullable: true }),
          col.fk('merged_into_id', true),
          col.int('plus_count', { default: 0 }),
          col.int('reopen_count', { default: 0 }),
          col.date('accepted_at', true),
          col.date('fulfilled_at', true),
          col.date('rated_at', true),
          col.date('created_at'),
          col.date('updated_at'),
        ],
        foreignKeys: [fk('community_id', 'org_nodes'), fk('resident_user_id', 'users')],
        indices: [
          new TableIndex({ name: 'ix_needs_community', columnNames: ['community_id', 'status', 'id'] }),
          new TableIndex({ name: 'ix_needs_resident', columnNames: ['resident_user_id', 'id'] }),
          new TableIndex({ name: 'ix_needs_category', columnNames: ['community_id', 'category', 'created_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'need_plus_ones',
        columns: [
          { ...col.fk('need_id'), isPrimary: true },
          { ...col.fk('user_id'), isPrimary: true },
          col.date('created_at'),
        ],
        foreignKeys: [fk('need_id', 'needs'), fk('user_id', 'users')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'tasks',
        columns: [
          col.id(),
          col.fk('community_id'),
          col.fk('street_id', true),
          col.str('kind', 16),
          col.str('target', 16),
          col.str('title', 50),
          col.str('description', 2000),
          col.str('status', 16),
          col.int('capacity'),
          col.int('claimed_count', { default: 0 }),
          col.bool('waitlist', true),
          col.date('starts_at'),
          col.date('ends_at'),
          col.date('claim_deadline'),
          col.int('withdraw_cutoff_minutes'),
          col.date('priority_until', true),
          col.str('place', 255),
          col.double('latitude'),
          col.double('longitude'),
          col.int('checkin_radius_m'),
          col.int('points_per_hour'),
          col.int('points_minimum'),
          col.int('points_max'),
          col.text('required_skills'),
          col.str('checkin_secret', 64),
          col.str('cancel_reason', 200, { isNullable: true }),
          col.fk('created_by_id'),
          col.date('published_at', true),
          col.date('completed_at', true),
          col.date('created_at'),
          col.date('updated_at'),
        ],
        foreignKeys: [fk('community_id', 'org_nodes')],
        indices: [
          new TableIndex({
            name: 'ix_tasks_feed_community',
            columnNames: ['status', 'community_id', 'starts_at', 'id'],
          }),
          new TableIndex({ name: 'ix_tasks_feed_street', columnNames: ['status', 'street_id', 'starts_at', 'id'] }),
          new TableIndex({ name: 'ix_tasks_community', columnNames: ['community_id', 'id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'task_needs',
        columns: [
          { ...col.fk('task_id'), isPrimary: true },
          { ...col.fk('need_id'), isPrimary: true },
        ],
        foreignKeys: [fk('task_id', 'tasks'), fk('need_id', 'needs')],
        indices: [new TableIndex({ name: 'ix_task_needs_need', columnNames: ['need_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'task_branches',
        columns: [
          { ...col.fk('task_id'), isPrimary: true },
          { ...col.fk('branch_id'), isPrimary: true },
        ],
        foreignKeys: [fk('task_id', 'tasks'), fk('branch_id', 'org_nodes')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'task_positions',
        columns: [
          { ...col.fk('task_id'), isPrimary: true },
          { ...col.fk('position_id'), isPrimary: true },
        ],
        foreignKeys: [fk('task_id', 'tasks'), fk('position_id', 'positions')],
        indices: [new TableIndex({ name: 'ix_task_positions_position', columnNames: ['position_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'claims',
        columns: [
          col.id(),
          col.fk('task_id'),
          col.fk('member_user_id'),
          col.fk('registration_id'),
          col.fk('branch_id', true),
          col.fk('claimed_by_id'),
          col.str('status', 16),
          col.date('starts_at'),
          col.date('ends_at'),
          col.date('checked_in_at', true),
          col.date('checked_out_at', true),
          col.str('checkin_method', 16, { isNullable: true }),
          col.int('credit_half_hours', { default: 0 }),
          col.fk('verified_by_id', true),
          col.date('verified_at', true),
          col.str('reject_reason', 200, { isNullable: true }),
          col.date('hold_expires_at', true),
          col.date('claimed_at'),
          col.date('updated_at'),
        ],
        foreignKeys: [fk('task_id', 'tasks'), fk('member_user_id', 'users'), fk('registration_id', 'registrations')],
        indices: [
          new TableIndex({ name: 'uq_claims_member_task', columnNames: ['task_id', 'member_user_id'], isUnique: true }),
          new TableIndex({ name: 'ix_claims_task', columnNames: ['task_id', 'status', 'id'] }),
          new TableIndex({ name: 'ix_claims_member', columnNames: ['member_user_id', 'status', 'starts_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'backfills',
        columns: [
          col.id(),
          col.fk('member_user_id'),
          col.fk('community_id'),
          col.fk('task_id', true),
          col.int('half_hours'),
          col.str('reason', 200),
          col.fk('created_by_id'),
          col.date('created_at'),
        ],
        foreignKeys: [fk('member_user_id', 'users'), fk('community_id', 'org_nodes')],
        indices: [new TableIndex({ name: 'ix_backfills_member', columnNames: ['member_user_id', 'id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ratings',
        columns: [
          col.id(),
          col.str('kind', 16),
          col.fk('task_id'),
          col.fk('need_id', true),
          col.fk('claim_id', true),
          col.fk('member_user_id', true),
          col.fk('rater_user_id'),
          col.int('score'),
          col.str('comment', 500, { isNullable: true }),
          col.bool('resolved', true),
          col.date('created_at'),
        ],
        foreignKeys: [fk('task_id', 'tasks')],
        indices: [
          new TableIndex({ name: 'uq_ratings_need', columnNames: ['kind', 'need_id', 'task_id'], isUnique: true }),
          new TableIndex({ name: 'uq_ratings_claim', columnNames: ['claim_id'], isUnique: true }),
          new TableIndex({ name: 'ix_ratings_member', columnNames: ['member_user_id', 'created_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'points_ledger',
        columns: [
          col.id(),
          col.fk('member_user_id'),
          col.fk('community_id'),
          col.fk('unit_id', true),
          col.int('delta'),
          col.str('reason', 24),
          col.fk('claim_id', true),
          col.str('note', 200, { isNullable: true }),
          col.fk('created_by_id', true),
          col.str('dedupe_key', 64, { isNullable: true }),
          col.date('created_at'),
        ],
        foreignKeys: [fk('member_user_id', 'users'), fk('community_id', 'org_nodes')],
        indices: [
          new TableIndex({ name: 'uq_points_dedupe', columnNames: ['dedupe_key'], isUnique: true }),
          new TableIndex({ name: 'ix_points_member', columnNames: ['member_user_id', 'id'] }),
          new TableIndex({ name: 'ix_points_community', columnNames: ['community_id', 'member_user_id'] }),
          new TableIndex({ name: 'ix_points_unit', columnNames: ['unit_id', 'member_user_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notifications',
        columns: [
          col.id(),
          col.fk('user_id'),
          col.str('kind', 32),
          col.str('title', 100),
          col.str('body', 500),
          col.text('payload'),
          col.str('status', 16),
          col.str('channel', 16, { isNullable: true }),
          col.str('dedupe_key', 96),
          col.int('attempts', { default: 0 }),
          col.date('not_before'),
          col.str('locked_by', 64, { isNullable: true }),
          col.date('locked_until', true),
          col.str('last_error', 200, { isNullable: true }),
          col.date('sent_at', true),
          col.date('read_at', true),
          col.date('created_at'),
        ],
        foreignKeys: [fk('user_id', 'users')],
        indices: [
          new TableIndex({ name: 'uq_notifications_dedupe', columnNames: ['dedupe_key'], isUnique: true }),
          new TableIndex({ name: 'ix_notifications_due', columnNames: ['status', 'not_before', 'id'] }),
          new TableIndex({ name: 'ix_notifications_inbox', columnNames: ['user_id', 'id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'emergency_callups',
        columns: [
          col.id(),
          col.fk('scope_node_id'),
          col.str('title', 50),
          col.str('description', 500),
          col.str('place', 255),
          col.double('latitude'),
          col.double('longitude'),
          col.date('muster_at', true),
          col.int('needed', { isNullable: true }),
          col.int('notified_count', { default: 0 }),
          col.fk('task_id', true),
          col.fk('created_by_id'),
          col.int('group_size', { default: 0 }),
          col.date('closed_at', true),
          col.date('created_at'),
        ],
        foreignKeys: [fk('scope_node_id', 'org_nodes')],
        indices: [new TableIndex({ name: 'ix_callups_scope', columnNames: ['scope_node_id', 'id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'emergency_responses',
        columns: [
          { ...col.fk('callup_id'), isPrimary: true },
          { ...col.fk('member_user_id'), isPrimary: true },
          col.str('answer', 16),
          col.int('eta_minutes', { isNullable: true }),
          col.str('note', 200, { isNullable: true }),
          col.int('group_no', { isNullable: true }),
          col.date('responded_at'),
        ],
        foreignKeys: [fk('callup_id', 'emergency_callups'), fk('member_user_id', 'users')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'emergency_responses',
      'emergency_callups',
      'notifications',
      'points_ledger',
      'ratings',
      'backfills',
      'claims',
      'task_positions',
      'task_branches',
      'task_needs',
      'tasks',
      'need_plus_ones',
      'needs',
      'uploads',
    ]) {
      await q.dropTable(t);
    }
  }
}
