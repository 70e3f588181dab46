import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OrgNodeType, SCREEN_LATEST_LIMIT, type ScreenChildDto, type ScreenDto } from '@sbd/contracts';
import { maskName } from '@sbd/domain';
import { DataSource } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { badRequest } from '../../platform/errors/app-errors';
import type { StatsQuery } from './dto/stats.query';
import { parsePeriod } from './period';
import { ratio } from './stats-assemble';
import { ScreenQueries, type CommunityFigures } from './screen-queries';
import { StatsService } from './stats.service';

const SCREENS: string[] = [OrgNodeType.District, OrgNodeType.Street, OrgNodeType.Community];

/** 服务率 first, then hours, then the name (zh collation is not portable: plain compare). */
export function rankChildren(children: ScreenChildDto[]): ScreenChildDto[] {
  return [...children].sort(
    (a, b) =>
      (b.serviceRate ?? -1) - (a.serviceRate ?? -1) ||
      b.verifiedHours - a.verifiedHours ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/** The district screen (数据大屏): child rankings and the latest verified services of a territory. */
@Injectable()
export class ScreenService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly stats: StatsService,
  ) {}

  async screen(p: Principal, nodeId: number, q: StatsQuery): Promise<ScreenDto> {
    const node = await this.stats.authorize(p, nodeId);
    if (!SCREENS.includes(node.type)) throw badRequest('数据大屏只支持区、街道或社区', 'id');
    const period = parsePeriod(q);
    const x = this.db;
    const [children, communities] = await Promise.all([
      node.type === OrgNodeType.Community ? Promise.resolve([]) : ScreenQueries.children(x, node.id),
      ScreenQueries.communities(x, node.path),
    ]);
    const ids = communities.map((c) => c.id);
    const [figures, latest] = await Promise.all([
      ScreenQueries.perCommunity(x, ids, period.from, period.to),
      ScreenQueries.latest(x, ids, SCREEN_LATEST_LIMIT),
    ]);
    const ranked = children.map((child): ScreenChildDto => {
      const sum: CommunityFigures = { registered: 0, serving: 0, services: 0, halfHours: 0 };
      for (const c of communities) {
        const f = c.path.startsWith(child.path) ? figures.get(c.id) : undefined;
        if (!f) continue;
        sum.registered += f.registered;
        sum.serving += f.serving;
        sum.services += f.services;
        sum.halfHours += f.halfHours;
      }
      return {
        nodeId: child.id,
        nodeType: child.type,
        name: child.name,
        registeredMembers: sum.registered,
        servingMembers: sum.serving,
        serviceRate: ratio(sum.serving, sum.registered),
        services: sum.services,
        verifiedHours: sum.halfHours / 2,
      };
    });
    return {
      nodeId: node.id,
      nodeType: node.type,
      nodeName: node.name,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      generatedAt: new Date().toISOString(),
      children: rankChildren(ranked),
      latest: latest.map((l) => ({
        claimId: l.claimId,
        verifiedAt: l.verifiedAt.toISOString(),
        communityId: l.communityId,
        communityName: l.communityName,
        taskTitle: l.taskTitle,
        memberName: maskName(l.memberName),
        hours: l.halfHours / 2,
      })),
    };
  }
}
