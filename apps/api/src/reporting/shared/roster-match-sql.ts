/**
 * The one SQL rule of "a roster entry is matched to a registration": the same keyed phone hash
 * and the same name, or a 待核对 pairing the unit's staff confirmed (roster_match_decisions).
 * `cond` narrows the registrations (e.g. approved only); it reads the registration alias `r`.
 */
export function entryMatchedSql(e: string, cond = '1 = 1'): string {
  return `(EXISTS (SELECT 1 FROM registrations r WHERE r.phone_hash = ${e}.phone_hash AND r.name = ${e}.name AND ${cond})
    OR EXISTS (SELECT 1 FROM roster_match_decisions d JOIN registrations r ON r.id = d.registration_id
                WHERE d.unit_id = ${e}.unit_id AND d.phone_hash = ${e}.phone_hash AND d.name = ${e}.name
                  AND d.decision = 'confirmed' AND ${cond}))`;
}

/** Whether registration `r` (a table alias or name) is on the roster of `unitId`, or of any unit. */
export function registrationOnRosterSql(r: string, unitId?: number): string {
  if (unitId !== undefined && !Number.isSafeInteger(unitId)) throw new Error(`not an id: ${unitId}`);
  const unitCond = unitId === undefined ? '' : `e.unit_id = ${unitId} AND`;
  return `(EXISTS (SELECT 1 FROM unit_roster_entries e WHERE ${unitCond} e.phone_hash = ${r}.phone_hash AND e.name = ${r}.name)
    OR EXISTS (SELECT 1 FROM roster_match_decisions d JOIN unit_roster_entries e
                 ON e.unit_id = d.unit_id AND e.phone_hash = d.phone_hash AND e.name = d.name
                WHERE ${unitCond} d.registration_id = ${r}.id AND d.decision = 'confirmed'))`;
}
