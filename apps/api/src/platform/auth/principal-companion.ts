import { SetMetadata, type Type } from '@nestjs/common';
import type { Principal } from './principal';

export type CompanionRow = Record<string, unknown>;

/**
 * What a route reads about its caller on every request, read in the same statement as the caller's
 * principal (one round trip instead of two on the hottest reads, e.g. the member feed).
 *
 * `wrap(principalSql)` answers a statement that selects `p.*` from `(${principalSql}) p` and may
 * add columns and joins; its own placeholders must all come after the principal's, and `params`
 * fills them. Each principal row (one per role) comes once per companion row (a cross join), so
 * the principal is read deduplicated and the companion sees every row.
 *
 * Only without a read replica: with one, a lag-tolerant route's reads go to the replica while the
 * principal must come from the primary, so the guard loads the principal alone (as for any route)
 * and the route reads its data itself.
 */
export interface PrincipalCompanion {
  wrap(principalSql: string): string;
  params(userId: number, now: Date): unknown[];
}

export const PRINCIPAL_COMPANION = 'sbd:principalCompanion';

/** The route's data read with its caller's principal by the given provider (see PrincipalCompanion). */
export const WithPrincipal = (companion: Type<PrincipalCompanion>) => SetMetadata(PRINCIPAL_COMPANION, companion);

const rowsOf = new WeakMap<Principal, CompanionRow[]>();

/** Keeps the rows read with `principal` (a per-request object) for the route's service. */
export function keepCompanionRows(principal: Principal, rows: CompanionRow[]): void {
  rowsOf.set(principal, rows);
}

/**
 * The rows the companion read with this request's principal, once: undefined when the guard did
 * not read them (a replica configured, a test calling the service directly), so the service reads
 * its data itself.
 */
export function takeCompanionRows(principal: Principal): CompanionRow[] | undefined {
  const rows = rowsOf.get(principal);
  rowsOf.delete(principal);
  return rows;
}
