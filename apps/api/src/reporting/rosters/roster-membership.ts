import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { UnitMembership } from '../../platform/auth/unit-membership';
import { toDbDate } from '../../platform/database/sql';
import { PrivacyHooks } from '../../platform/privacy/privacy-hooks';
import { idList } from '../shared/report-sql';

/**
 * The units whose member records (报回单位) list a member: the unit their registration names,
 * and every unit whose roster lists their phone and name, or a confirmed 待核对 pairing (MemberRecordsService's "naming" and
 * "matching" registrations). Registered as the one rule other views of a unit admin follow.
 */
export async function unitsListingMember(x: DataSource | EntityManager, userId: number): Promise<number[]> {
  const rows: { unit_id: unknown }[] = await x.query(
    `SELECT r.work_unit_id AS unit_id FROM registrations r WHERE r.user_id = ? AND r.work_unit_id IS NOT NULL
     UNION
     SELECT e.unit_id FROM unit_roster_entries e
       JOIN registrations r ON r.phone_hash = e.phone_hash AND r.name = e.name
      WHERE r.user_id = ?
     UNION
     SELECT d.unit_id FROM roster_match_decisions d
       JOIN registrations r ON r.id = d.registration_id
       JOIN unit_roster_entries e ON e.unit_id = d.unit_id AND e.phone_hash = d.phone_hash AND e.name = d.name
      WHERE r.user_id = ? AND d.decision = 'confirmed'`,
    [userId, userId, userId],
  );
  return [...new Set(rows.map((r) => Number(r.unit_id)))];
}

/**
 * A deleted account's confirmed 待核对 pairings go with it (they name its registration, not its
 * phone); the units' roster numbers are refreshed by the statistics roll-up.
 */
export async function eraseRosterDecisions(m: EntityManager, userId: number): Promise<void> {
  const regs = 'SELECT id FROM registrations WHERE user_id = ?';
  const units: { unit_id: unknown }[] = await m.query(
    `SELECT DISTINCT unit_id FROM roster_match_decisions WHERE registration_id IN (${regs})`,
    [userId],
  );
  if (!units.length) return;
  await m.query(
    `UPDATE unit_rosters SET updated_at = ? WHERE unit_id IN ${idList(units.map((u) => Number(u.unit_id)))}`,
    [toDbDate(new Date())],
  );
  await m.query(`DELETE FROM roster_match_decisions WHERE registration_id IN (${regs})`, [userId]);
}

@Injectable()
export class RosterMembership implements OnModuleInit {
  constructor(
    private readonly membership: UnitMembership,
    private readonly privacy: PrivacyHooks,
  ) {}

  onModuleInit(): void {
    this.membership.decideWith(unitsListingMember);
    this.privacy.onAccountDeleted(eraseRosterDecisions);
  }
}
