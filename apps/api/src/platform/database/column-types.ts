import type { ColumnOptions } from 'typeorm';

/** Millisecond-precision UTC datetime on both dialects. */
export const dateColumn = (name: string, nullable = false): ColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  nullable,
});

/** Doubles come back as numbers on both dialects. */
export const doubleColumn = (name: string): ColumnOptions => ({ name, type: 'double', nullable: true });
