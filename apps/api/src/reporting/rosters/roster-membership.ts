import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { UnitMembership } from '../../platform/auth/unit-membership';

/**
 * The units whose member records (报回单位) list a member: the unit their registration names,
 * and every unit whose roster lists their phone and name (MemberRecordsService's "naming" and
 * "matching" registrations). Registered as the one rule other views of a unit admin follow.
 */
export async function unitsListingMember(x: DataSource | EntityManager, userId: number): Promise<number[]> {
  const rows: { unit_id: unknown }[] = await x.query(
    `SELECT r.work_unit_id AS unit_id FROM registrations r WHERE r.user_id = ? AND r.work_unit_id IS NOT NULL
     UNION
     SELECT e.unit_id FROM unit_roster_entries e
       JOIN registrations r ON r.phone_hash = e.phone_hash AND r.name = e.name
      WHERE r.user_id = ?`,
    [userId, userId],
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
