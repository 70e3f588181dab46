// Everything `@sbd/contracts` exports, one file per context and topic (each ≤ 400 lines).
export * from './platform/roles';
export * from './platform/errors';
export * from './platform/fields';
export * from './org/org';
export * from './identity/auth';
export * from './identity/registration';
export * from './identity/units';
export * from './messaging/notifications';
export * from './outreach/matching';
export * from './loop/needs';
export * from './loop/tasks';
export * from './loop/claims';
export * from './loop/ratings';
export * from './loop/points';
export * from './loop/emergency';
export * from './reporting/rosters';
export * from './reporting/stats';
