import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * 名册待核对 (tolerant roster matching):
 * - `unit_roster_entries` gets the optional ID number of a row, encrypted with its keyed hash
 *   (FieldCipher, as registrations.id_number_enc / id_number_hash), to pair rows by ID number;
 * - `roster_match_decisions` keeps unit staff's decision on a 待核对 pairing of a roster entry
 *   (keyed by unit, phone hash and name, so it survives re-uploads of the same roster) with a
 *   registration. Only confirmed pairs count as matched.
 */
export class RosterReview1732900000000 implements MigrationInterface {
  name = 'RosterReview1732900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('unit_roster_entries', [
      new TableColumn(col.str('id_number_enc', 255, { isNullable: true })),
      new TableColumn(col.str('id_number_hash', 64, { isNullable: true })),
    ]);
    await q.createIndex(
      'unit_roster_entries',
      new TableIndex({ name: 'ix_roster_entries_id_number', columnNames: ['id_number_hash'] }),
    );
    await q.createTable(
      new Table({
        name: 'roster_match_decisions',
        columns: [
          col.id(),
          col.fk('unit_id'),
          col.str('phone_hash', 64),
          col.str('name', 50),
          col.fk('registration_id'),
          col.str('decision', 16),
          col.fk('decided_by_id'),
          col.date('decided_at'),
        ],
        indices: [
          new TableIndex({
            name: 'ux_roster_decisions_pair',
            columnNames: ['unit_id', 'phone_hash', 'name', 'registration_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_roster_decisions_registration', columnNames: ['registration_id', 'decision'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('roster_match_decisions');
    await q.dropIndex('unit_roster_entries', 'ix_roster_entries_id_number');
    await q.dropColumns('unit_roster_entries', ['id_number_enc', 'id_number_hash']);
  }
}
