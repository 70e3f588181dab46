import { Foundation1732200000000 } from './1732200000000-foundation';

/** Every migration, in order. Both dialects run exactly this list. */
export const MIGRATIONS = [Foundation1732200000000];
