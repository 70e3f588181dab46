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
  const planner = new Planner(target, tree);
  const rows = lines.map((line) =>
    planner.row(
      line,
      fileErrors.filter((e) => e.row === line.row),
    ),
  );
  const errors = rows.flatMap((r) => r.errors);
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
    created: failed ? 0 : planner.creates.length,
    existing: rows.filter((r) => r.status === OrgImportRowStatus.Existing).length,
    rows,
    errors,
  };
  return { creates: failed ? [] : planner.creates, report };
}

/** Walks rows in file order, remembering what earlier rows planned. */
class Planner {
  readonly creates: PlannedNode[] = [];
  private readonly existing = new Map<string, ExistingNode[]>();
  private readonly planned = new Map<string, number>();

  constructor(
    private readonly target: ImportTarget,
    tree: ExistingNode[],
  ) {
    for (const n of tree) {
      const key = `n${n.parentId}|${n.type}|${n.name}`;
      this.existing.set(key, [...(this.existing.get(key) ?? []), n]);
    }
  }

  /** One row's result; `own` are its problems found in the file alone (then the tree is not walked). */
  row(line: OrgImportLine, own: OrgImportError[]): OrgImportRowDto {
    const levels = levelsOf(line);
    const result: OrgImportRowDto = {
      row: line.row,
      status: OrgImportRowStatus.Existing,
      type: levels[levels.length - 1]?.type ?? null,
      path: levels
        .map((l) => l.name)
        .filter(Boolean)
        .join(' / '),
      created: [],
      errors: [...own],
    };
    if (own.length) return result;
    const fail = (column: OrgImportColumn, message: string) => {
      result.errors.push({ row: line.row, column, message });
      return result;
    };
    const { target } = this;
    if (target.type !== OrgNodeType.Street) return this.walk(line.row, levels, [], result, fail);
    if (line.unit) return fail('单位名称', '单位直属区/县，请在区/县下导入单位');
    if (line.street !== target.name) {
      return fail('街道', `街道「${line.street}」不在本次导入的范围「${target.name}」内，无权导入`);
    }
    return this.walk(line.row, levels.slice(1), [target.name], result, fail);
  }

  /**
   * From the target down: reuse the open node of the same type and name under the same parent, or
   * the one an earlier row planned, or plan it; a closed one on the way fails the row.
   */
  private walk(
    row: number,
    levels: Level[],
    names: string[],
    result: OrgImportRowDto,
    fail: (column: OrgImportColumn, message: string) => OrgImportRowDto,
  ): OrgImportRowDto {
    let parent: Ref = `n${this.target.id}`;
    for (const level of levels) {
      names.push(level.name);
      const key = `${parent}|${level.type}|${level.name}`;
      const found = this.existing.get(key);
      const open = found?.find((n) => !n.closed);
      if (open) {
        parent = `n${open.id}`;
        continue;
      }
      if (found?.length) {
        const label = ORG_NODE_TYPE_LABELS[level.type];
        return fail(level.column, `${label}「${level.name}」已撤销，请先恢复该${label}再导入`);
      }
      let index = this.planned.get(key);
      if (index === undefined) {
        index = this.creates.length;
        this.planned.set(key, index);
        this.creates.push({ type: level.type, name: level.name, parent, row, path: names.join(' / ') });
        result.created.push(names.join(' / '));
      }
      parent = `p${index}`;
    }
    return result;
  }
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
