import type { TableColumnOptions } from 'typeorm';

/** Column builders whose types mean the same on MySQL/MariaDB and SQLite. */
export const col = {
  id: (): TableColumnOptions => ({
    name: 'id',
    type: 'integer',
    isPrimary: true,
    isGenerated: true,
    generationStrategy: 'increment',
  }),
  int: (name: string, opts: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
    name,
    type: 'integer',
    isNullable: false,
    ...opts,
  }),
  fk: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable }),
  str: (name: string, length: number, opts: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable: false,
    ...opts,
  }),
  text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
  bool: (name: string, def: boolean): TableColumnOptions => ({
    name,
    type: 'boolean',
    isNullable: false,
    default: def ? 1 : 0,
  }),
  double: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'double', isNullable: nullable }),
  /** Millisecond precision, stored as UTC. */
  date: (name: string, nullable = false): TableColumnOptions => ({
    name,
    type: 'datetime',
    precision: 3,
    isNullable: nullable,
  }),
};
