import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, AuditObjectType, OrgNodeType, Role, TOP_MEMBERS_LIMIT, type StatsDto } from '@sbd/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import type { Principal } from '../../platform/auth/principal';
import { COMMUNITY_READERS, ScopeService, type NodeRef } from '../../platform/auth/scope.service';
import { badRequest, forbidden } from '../../platform/errors/app-errors';
import type { StatsQuery } from './dto/stats.query';
import { parsePeriod, type StatsPeriod } from './period';
import { aggregateNeeds, assembleStats, type StatsParts } from './stats-assemble';
import { StatsQueries, needDurations, type StatsScope } from './stats-queries';
import { StatsRollupService } from './stats-rollup.service';
import { statsWorkbook } from './stats-xlsx';

/** Who reads a unit's numbers. */
export const UNIT_READERS = [Role.UnitAdmin, Role.DistrictAdmin, Role.PlatformAdmin];
const TERRITORIES: string[] = [OrgNodeType.Community, OrgNodeType.Street, OrgNodeType.District];

/** The numbers people read (DOMAIN §7) for one org node and period. */
@Injectable()
export class StatsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly rollups: StatsRollupService,
    private readonly audit: AuditService,
  ) {}

  async stats(p: Principal, nodeId: number, q: StatsQuery): Promise<StatsDto> {
    const node = await this.authorize(p, nodeId);
    const period = parsePeriod(q);
    return assembleStats(node, period, await this.parts(node, period));
  }

  async workbook(p: Principal, nodeId: number, q: StatsQuery): Promise<{ buffer: Buffer; filename: string }> {
    const stats = await this.stats(p, nodeId, q);
    const buffer = await statsWorkbook(stats);
    await this.audit.record({
      action: AuditAction.ExportDownload,
      actor: p,
      objectType: AuditObjectType.OrgNode,
      objectId: nodeId,
      nodeId,
      detail: { export: 'stats', filter: { ...q } },
    });
    return { buffer, filename: `stats-${nodeId}-${stats.from.slice(0, 10)}.xlsx` };
  }

  /**
   * Community, street and district: their staff and everyone above (a street admin sees only its
   * own communities). Unit: its own unit admin, the district and the platform.
   */
  async authorize(p: Principal, nodeId: number): Promise<NodeRef> {
    const node = await this.scope.node(nodeId);
    if (!this.scope.covers(p, node.path, [...COMMUNITY_READERS, ...UNIT_READERS]))
      throw forbidden('无权查看该组织的统计');
    if (node.type === OrgNodeType.WorkUnit) {
      if (!this.scope.covers(p, node.path, UNIT_READERS)) throw forbidden('无权查看该单位的统计');
    } else if (TERRITORIES.includes(node.type)) {
      if (!this.scope.covers(p, node.path, COMMUNITY_READERS)) throw forbidden('无权查看该组织的统计');
    } else {
      throw badRequest('只能统计社区、街道、区或单位', 'id');
    }
    return node;
  }

  /** A district reads the roll-ups (unless `raw`); everything else reads the source tables. */
  async parts(node: NodeRef, period: StatsPeriod, opts: { raw?: boolean } = {}): Promise<StatsParts> {
    if (node.type === OrgNodeType.District && !opts.raw) return this.rollups.districtParts(node, period);
    return this.rawParts(node, period);
  }

  /** Every figure straight from the source tables: the definitions the roll-ups must equal. */
  async rawParts(node: NodeRef, period: StatsPeriod): Promise<StatsParts> {
    const x = this.db;
    const { from, to } = period;
    if (node.type === OrgNodeType.WorkUnit) {
      const scope: StatsScope = { kind: 'unit', unitId: node.id };
      const [days, registered, serving, top, roster] = await Promise.all([
        StatsQueries.dayFigures(x, scope, from, to),
        StatsQueries.registered(x, scope),
        StatsQueries.serving(x, scope, from, to),
        StatsQueries.topMembers(x, scope, from, to, TOP_MEMBERS_LIMIT),
        StatsQueries.rosterCounts(x, [node.id]),
      ]);
      return {
        days,
        taskDays: null,
        needs: null,
        registered,
        serving,
        top,
        roster: roster.get(node.id) ?? { entries: 0, registered: 0 },
      };
    }
    const communityIds =
      node.type === OrgNodeType.Community ? [node.id] : await StatsQueries.communitiesUnder(x, node.path);
    const scope: StatsScope = { kind: 'territory', communities: communityIds };
    const [days, taskDays, needRows, registered, serving, top, roster] = await Promise.all([
      StatsQueries.dayFigures(x, scope, from, to),
      StatsQueries.taskDays(x, communityIds, from, to),
      StatsQueries.needRows(x, communityIds, from, to),
      StatsQueries.registered(x, scope),
      StatsQueries.serving(x, scope, from, to),
      StatsQueries.topMembers(x, scope, from, to, TOP_MEMBERS_LIMIT),
      node.type === OrgNodeType.District ? StatsQueries.rosterPeople(x, node.path) : Promise.resolve(null),
    ]);
    return { days, taskDays, needs: aggregateNeeds(needRows.map(needDurations)), registered, serving, top, roster };
  }
}
