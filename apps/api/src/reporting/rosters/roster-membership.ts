import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { UnitMembership } from '../../platform/auth/unit-membership';

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

@Injectable()
export class RosterMembership implements OnModuleInit {
  constructor(private readonly membership: UnitMembership) {}

  onModuleInit(): void {
    this.membership.decideWith(unitsListingMember);
  }
}
