/**
 * Every route of the API: method, path and the types of its body, query and response, one table
 * for the API's tests and the mini-program. apps/api/test/e2e/route-table.e2e.spec.ts checks that
 * the routes Nest registers are exactly these (both ways).
 */
import { IDENTITY_ROUTES } from './identity';
import { ORG_ROUTES } from './org';
import { MESSAGING_ROUTES } from './messaging';
import { LOOP_ROUTES } from './loop';
import { OUTREACH_ROUTES } from './outreach';
import { REPORTING_ROUTES } from './reporting';
import { PLATFORM_ROUTES } from './platform';

/** One table, in the same key order as ever: the contexts' tables side by side. */
export const ROUTES = {
  ...IDENTITY_ROUTES,
  ...ORG_ROUTES,
  ...MESSAGING_ROUTES,
  ...LOOP_ROUTES,
  ...OUTREACH_ROUTES,
  ...REPORTING_ROUTES,
  ...PLATFORM_ROUTES,
} as const;

export type Routes = typeof ROUTES;
