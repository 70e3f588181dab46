import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';

/** The work units whose records count the member (user) as theirs. */
export type UnitsOfMember = (x: DataSource | EntityManager, userId: number) => Promise<number[]>;

/**
 * One rule for "is this member one of the unit's": the unit's member records (报回单位) list a
 * member when their registration names the unit or the unit's roster lists their phone and name,
 * and every other view a unit admin reads (hours, points) must agree with them. The context that
 * owns the rosters registers the rule at start-up (dependency inversion: loop reads it here without
 * importing reporting); until then only the unit the registration names counts.
 */
@Injectable()
export class UnitMembership {
  private rule: UnitsOfMember = async (x, userId) =>
    (
      (await x.query('SELECT work_unit_id FROM registrations WHERE user_id = ? AND work_unit_id IS NOT NULL', [
        userId,
      ])) as { work_unit_id: unknown }[]
    ).map((r) => Number(r.work_unit_id));

  decideWith(rule: UnitsOfMember): void {
    this.rule = rule;
  }

  unitsOf(x: DataSource | EntityManager, userId: number): Promise<number[]> {
    return this.rule(x, userId);
  }
}
