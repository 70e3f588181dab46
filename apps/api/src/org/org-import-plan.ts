import {
  ORG_IMPORT_COLUMNS,
  ORG_NODE_TYPE_LABELS,
  OrgImportRowStatus,
  OrgNodeType,
  type OrgImportColumn,
  type OrgImportError,
  type OrgImportReport,
  type OrgImportRowDto,
} from '@sbd/contracts';
import type { OrgImportLine } from './org-import-file';

/** A node of the tree under the import's target, as the plan needs it. */
export interface ExistingNode {
  id: number;
  type: OrgNodeType;
  name: string;
  parentId: number | null;
  closed: boolean;
}

/** Where a node hangs: an existing node (`n12`) or one planned earlier in this file (`p3`). */
export type Ref = `n${number}` | `p${number}`;

export interface PlannedNode {
  type: OrgNodeType;
  name: string;
  parent: Ref;
  /** The row that creates it, and its path there. */
  row: number;
  path: string;
}

export interface ImportTarget {
  id: number;
  type: string;
  name: string;
}

export interface ImportPlan {
  creates: PlannedNode[];
  report: OrgImportReport;
}

interface Level {
  type: OrgNodeType;
  name: string;
  column: OrgImportColumn;
}

/**
 * Plans an import into a district or street: for each row, walks its levels from the target down,
 * reusing open nodes of the same type and name under the same parent (and nodes planned by earlier
 * rows), and plans the rest. A closed node on the way, a street outside a street target and a unit
 * in a street import are errors of the row. `fileErrors` are the checks of the file alone.
 */
export function planImport(
  target: ImportTarget,
  tree: ExistingNode[],
  lines: OrgImportLine[],
  fileErrors: OrgImportError[],
): ImportPlan {
  const existing = new Map<string, ExistingNode[]>();
  for (const n of tree) {
    const key = `n${n.parentId}|${n.type}|${n.name}`;
    existing.set(key, [...(existing.get(key) ?? []), n]);
  }
  const planned = new Map<string, number>();
  const creates: PlannedNode[] = [];
  const rows: OrgImportRowDto[] = [];
  const errors = [...fileErrors];

  for (const line of lines) {
    const own = fileErrors.filter((e) => e.row === line.row);
    const result: OrgImportRowDto = {
      row: line.row,
      status: OrgImportRowStatus.Existing,
      type: null,
      path: '',
      created: [],
      errors: own,
    };
    rows.push(result);
    const levels = levelsOf(line);
    result.type = levels[levels.length - 1]?.type ?? null;
    result.path = levels
      .map((l) => l.name)
      .filter(Boolean)
      .join(' / ');
    if (own.length) continue;
    const fail = (column: OrgImportColumn, message: string) => {
      const e = { row: line.row, column, message };
      result.errors.push(e);
      errors.push(e);
    };
    let parent: Ref = `n${target.id}`;
    let steps = levels;
    if (target.type === OrgNodeType.Street) {
      if (line.unit) {
        fail('单位名称', '单位直属区/县，请在区/县下导入单位');
        continue;
      }
      if (line.street !== target.name) {
        fail('街道', `街道「${line.street}」不在本次导入的范围「${target.name}」内，无权导入`);
        continue;
      }
      steps = levels.slice(1);
    }
    const names: string[] = target.type === OrgNodeType.Street ? [target.name] : [];
    for (const level of steps) {
      names.push(level.name);
      const key = `${parent}|${level.type}|${level.name}`;
      const found = existing.get(key);
      const open = found?.find((n) => !n.closed);
      if (open) {
        parent = `n${open.id}`;
        continue;
      }
      if (found?.length) {
        const label = ORG_NODE_TYPE_LABELS[level.type];
        fail(level.column, `${label}「${level.name}」已撤销，请先恢复该${label}再导入`);
        break;
      }
      let index = planned.get(key);
      if (index === undefined) {
        index = creates.length;
        planned.set(key, index);
        creates.push({ type: level.type, name: level.name, parent, row: line.row, path: names.join(' / ') });
        result.created.push(names.join(' / '));
      }
      parent = `p${index}`;
    }
  }
  const failed = errors.length > 0;
  for (const r of rows) {
    r.status = r.errors.length
      ? OrgImportRowStatus.Error
      : failed
        ? OrgImportRowStatus.Skipped
        : r.created.length
          ? OrgImportRowStatus.Created
          : OrgImportRowStatus.Existing;
    if (failed) r.created = [];
  }
  const order = new Map<string, number>(ORG_IMPORT_COLUMNS.map((c, i) => [c, i]));
  errors.sort((a, b) => a.row - b.row || (order.get(a.column) ?? 9) - (order.get(b.column) ?? 9));
  const report: OrgImportReport = {
    total: lines.length,
    created: failed ? 0 : creates.length,
    existing: rows.filter((r) => r.status === OrgImportRowStatus.Existing).length,
    rows,
    errors,
  };
  return { creates: failed ? [] : creates, report };
}

/** The row's levels from the top: a unit, or street → community → grid as far as filled in. */
function levelsOf(line: OrgImportLine): Level[] {
  if (line.unit) return [{ type: OrgNodeType.WorkUnit, name: line.unit, column: '单位名称' }];
  const levels: Level[] = [{ type: OrgNodeType.Street, name: line.street, column: '街道' }];
  if (line.community) levels.push({ type: OrgNodeType.Community, name: line.community, column: '社区' });
  if (line.grid) levels.push({ type: OrgNodeType.Grid, name: line.grid, column: '网格' });
  return levels;
}

/** Refs resolve to ids once the planned nodes before them exist. */
export function resolveRef(ref: Ref, createdIds: number[]): number {
  return ref.startsWith('n') ? Number(ref.slice(1)) : createdIds[Number(ref.slice(1))];
}
