import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  AuditObjectType,
  ErrorCode,
  OrgNodeType,
  type OrgImportError,
  type OrgImportRefusal,
  type OrgImportReport,
} from '@sbd/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import type { Principal } from '../platform/auth/principal';
import { ORG_MANAGERS, ScopeService, type NodeRef } from '../platform/auth/scope.service';
import { fromDbDate, lockRow, transaction } from '../platform/database/sql';
import { badRequest } from '../platform/errors/app-errors';
import { orgImportTemplate, parseOrgImport, ORG_IMPORT_NO_FILE } from './org-import-file';
import { planImport, resolveRef, type ExistingNode, type ImportPlan } from './org-import-plan';
import { insertOrgNode } from './org-tree';

/** At most this many problems are repeated in `details`; `report.errors` always has them all. */
const DETAILS_MAX = 100;
const TARGET_TYPES: string[] = [OrgNodeType.District, OrgNodeType.Street];
const TREE_TYPES = [OrgNodeType.Street, OrgNodeType.Community, OrgNodeType.Grid, OrgNodeType.WorkUnit];

/** Refuses an import: 400 with the whole report; nothing was created. */
function refusal(report: OrgImportReport, message?: string): HttpException {
  const body: OrgImportRefusal = {
    code: ErrorCode.ValidationFailed as OrgImportRefusal['code'],
    message: message ?? `文件有${report.errors.length}处错误，未导入任何组织`,
    details: report.errors.slice(0, DETAILS_MAX).map((e: OrgImportError) => ({
      field: e.row ? `第${e.row}行${e.column ? `「${e.column}」` : ''}` : 'file',
      message: e.message,
    })),
    report,
  };
  return new HttpException(body, HttpStatus.BAD_REQUEST);
}

const fileRefusal = (message: string) =>
  refusal({ total: 0, created: 0, existing: 0, rows: [], errors: [{ row: 0, column: '', message }] }, message);

/**
 * 导入组织: an admin of a district (or of one street, or the platform) uploads the template with
 * streets, communities, grids and units; the missing ones are created under the node, the ones
 * that exist (same type and name under the same parent) are reused, so importing a file twice
 * creates nothing the second time. All or nothing: a file with any bad row creates nothing, since
 * rows build on each other (a community's street may come from another row) and a half-imported
 * tree would have to be reconciled by hand; the per-row report says what to fix. Every node
 * created goes into the audit log like one created by hand.
 */
@Injectable()
export class OrgImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async template(p: Principal, id: number): Promise<{ buffer: Buffer; name: string }> {
    const node = await this.target(p, id);
    return { buffer: await orgImportTemplate(node.name), name: node.name };
  }

  async import(p: Principal, id: number, file: { buffer?: Buffer } | undefined): Promise<OrgImportReport> {
    const target = await this.target(p, id);
    if (!file?.buffer?.length) throw fileRefusal(ORG_IMPORT_NO_FILE);
    const parsed = await parseOrgImport(file.buffer);
    if ('unreadable' in parsed) throw fileRefusal(parsed.unreadable);
    if (parsed.fatal) {
      throw refusal({ total: 0, created: 0, existing: 0, rows: [], errors: parsed.errors });
    }
    return transaction(this.db, async (m) => {
      await this.lockDistrict(m, target);
      const plan = planImport(target, await this.tree(m, target), parsed.lines, parsed.errors);
      if (plan.report.errors.length) throw refusal(plan.report);
      await this.apply(m, p, plan);
      return plan.report;
    });
  }

  private async target(p: Principal, id: number): Promise<NodeRef> {
    const node = await this.scope.assertNode(p, id, ORG_MANAGERS, '无权向该组织导入');
    if (!TARGET_TYPES.includes(node.type)) throw badRequest('只能向区/县或街道导入组织', 'id');
    const [row] = (await this.db.query('SELECT closed_at FROM org_nodes WHERE id = ?', [id])) as {
      closed_at: unknown;
    }[];
    if (fromDbDate(row?.closed_at)) throw badRequest('该组织已撤销，不能导入', 'id');
    return node;
  }

  /**
   * Imports into one district run one at a time (MySQL: a lock on the district's row until the
   * transaction ends; SQLite's gate runs one transaction at a time), so two uploads of the same file
   * cannot both create the same street.
   */
  private async lockDistrict(m: EntityManager, target: NodeRef): Promise<void> {
    await lockRow(m, 'org_nodes', Number(target.path.split('/').filter(Boolean)[0]));
  }

  /** Streets, communities, grids and units under the target, closed ones too. */
  private async tree(m: EntityManager, target: NodeRef): Promise<ExistingNode[]> {
    const rows: { id: unknown; type: OrgNodeType; name: string; parent_id: unknown; closed_at: unknown }[] =
      await m.query(
        `SELECT id, type, name, parent_id, closed_at FROM org_nodes
          WHERE path LIKE ? AND type IN (${TREE_TYPES.map(() => '?').join(', ')}) ORDER BY id`,
        [`${target.path}%`, ...TREE_TYPES],
      );
    return rows.map((r) => ({
      id: Number(r.id),
      type: r.type,
      name: r.name,
      parentId: r.parent_id === null ? null : Number(r.parent_id),
      closed: fromDbDate(r.closed_at) !== null,
    }));
  }

  /** Creates the planned nodes in order (parents first), each with its audit entry. */
  private async apply(m: EntityManager, p: Principal, plan: ImportPlan): Promise<void> {
    const ids: number[] = [];
    for (const n of plan.creates) {
      const created = await insertOrgNode(m, { type: n.type, name: n.name, parentId: resolveRef(n.parent, ids) });
      ids.push(created.id);
      await this.audit.record(
        {
          action: AuditAction.OrgCreate,
          actor: p,
          actorRoles: ORG_MANAGERS,
          objectType: AuditObjectType.OrgNode,
          objectId: created.id,
          nodeId: created.id,
          detail: { name: created.name, type: created.type, parentId: created.parentId, source: 'import', row: n.row },
        },
        m,
      );
    }
  }
}
