/* ─────────────── 导入组织: a district's streets, communities, grids and units from .xlsx ─────────────── */
import type { OrgNodeType } from './org';

/**
 * The import template's header row, exactly. A row names a territory path (街道, 街道+社区 or
 * 街道+社区+网格) or a work unit (单位名称; units belong to the district), not both.
 */
export const ORG_IMPORT_COLUMNS = ['街道', '社区', '网格', '单位名称'] as const;
export type OrgImportColumn = (typeof ORG_IMPORT_COLUMNS)[number];

export const ORG_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** Data rows (the header not counted). */
export const ORG_IMPORT_MAX_ROWS = 5_000;
/** Characters of one name (the org tree's name column). */
export const ORG_IMPORT_NAME_MAX = 100;

/** What became of one row. A refused file (any error) creates nothing: its good rows are `skipped`. */
export enum OrgImportRowStatus {
  Created = 'created',
  Existing = 'existing',
  Error = 'error',
  Skipped = 'skipped',
}

export const ORG_IMPORT_STATUS_LABELS: Record<OrgImportRowStatus, string> = {
  [OrgImportRowStatus.Created]: '新建',
  [OrgImportRowStatus.Existing]: '已存在',
  [OrgImportRowStatus.Error]: '错误',
  [OrgImportRowStatus.Skipped]: '未导入',
};

/** One problem of an import file: the spreadsheet row (1 the header, 0 the file) and column. */
export interface OrgImportError {
  row: number;
  /** The Chinese column header, or '' for the whole row or file. */
  column: string;
  message: string;
}

export interface OrgImportRowDto {
  /** Spreadsheet row: data starts at 2. */
  row: number;
  status: OrgImportRowStatus;
  /** What the row names: its deepest node's type, null when the row is unusable. */
  type: OrgNodeType | null;
  /** "和平桥街道 / 桃园社区 / 第一网格", or the unit's name. */
  path: string;
  /** Nodes this row created (the row's own node and any missing parents), as paths like `path`. */
  created: string[];
  errors: OrgImportError[];
}

/** The answer of an import (also the `report` of a refused one). */
export interface OrgImportReport {
  /** Data rows in the file. */
  total: number;
  /** Nodes created (0 when the file was refused). */
  created: number;
  /** Rows whose nodes all existed already. */
  existing: number;
  rows: OrgImportRowDto[];
  /** Every problem, rows and file alike, in row order. */
  errors: OrgImportError[];
}

/** Body of the 400 answer to a file with errors: nothing was created. */
export interface OrgImportRefusal {
  code: 'VALIDATION_FAILED';
  /** 文件有N处错误，未导入任何组织 */
  message: string;
  details: { field: string; message: string }[];
  report: OrgImportReport;
}
