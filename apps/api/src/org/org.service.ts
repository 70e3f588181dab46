import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  AuditObjectType,
  ORG_ALLOWED_PARENTS,
  ORG_NODE_TYPE_LABELS,
  OrgNodeType,
  REGISTER_COMMUNITY_PARAM,
  REGISTER_PAGE_PATH,
  Role,
  type CommunityPublicDto,
  type NearbyCommunityDto,
  type OrgNodeDto,
  type Page,
  type PositionDto,
  type WorkUnitDirectoryEntryDto,
} from '@sbd/contracts';
import { DataSource, In, IsNull, Like } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import type { Principal } from '../platform/auth/principal';
import { COMMUNITY_READERS, ORG_MANAGERS, ScopeService } from '../platform/auth/scope.service';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors/app-errors';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import type { CreateOrgNodeDto } from './dto/create-org-node.dto';
import type { CreatePositionDto } from './dto/create-position.dto';
import type { UpdateOrgNodeDto } from './dto/update-org-node.dto';
import type { UpdatePositionDto } from './dto/update-position.dto';
import { OrgNodeEntity } from './entities/org-node.entity';
import { PositionEntity } from './entities/position.entity';
import { toOrgNodeDto, toPositionDto } from './org-dto';
import { insertOrgNode } from './org-tree';
import { nearbyCommunities } from './nearby';

export { toOrgNodeDto, toPositionDto };

/** Node types a community admin manages inside their community. */
const COMMUNITY_PARTS = [
  OrgNodeType.Grid,
  OrgNodeType.Building,
  OrgNodeType.PartyCommittee,
  OrgNodeType.FunctionalBranch,
  OrgNodeType.PartyGroup,
];

@Injectable()
export class OrgService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  /** Creates a node under a parent the caller manages; a new community gets the default positions. */
  async createNode(p: Principal, dto: CreateOrgNodeDto): Promise<OrgNodeDto> {
    const allowedParents = ORG_ALLOWED_PARENTS[dto.type];
    if (!dto.parentId) {
      if (allowedParents.length) throw badRequest(`${ORG_NODE_TYPE_LABELS[dto.type]}必须指定上级组织`, 'parentId');
      if (!this.scope.isPlatformAdmin(p)) throw forbidden('只有平台管理员可以新建区/县');
    } else {
      const parent = await this.scope.node(dto.parentId);
      if (!allowedParents.includes(parent.type as OrgNodeType)) {
        throw badRequest(
          `${ORG_NODE_TYPE_LABELS[dto.type]}不能建在${ORG_NODE_TYPE_LABELS[parent.type as OrgNodeType] ?? parent.type}之下`,
          'parentId',
        );
      }
      const managers = COMMUNITY_PARTS.includes(dto.type)
        ? [Role.CommunityAdmin, ...ORG_MANAGERS]
        : dto.type === OrgNodeType.UnitPartyOrg
          ? [Role.UnitAdmin, ...ORG_MANAGERS]
          : ORG_MANAGERS;
      if (!this.scope.covers(p, parent.path, managers)) throw forbidden('无权在该组织下新建');
    }
    const node = await this.db.transaction(async (m) => {
      const created = await insertOrgNode(m, dto);
      await this.audit.record(
        {
          action: AuditAction.OrgCreate,
          actor: p,
          objectType: AuditObjectType.OrgNode,
          objectId: created.id,
          nodeId: created.id,
          detail: { name: created.name, type: created.type, parentId: created.parentId },
        },
        m,
      );
      return created;
    });
    return toOrgNodeDto(node);
  }

  async updateNode(p: Principal, id: number, dto: UpdateOrgNodeDto): Promise<OrgNodeDto> {
    const node = await this.scope.node(id);
    const managers =
      COMMUNITY_PARTS.includes(node.type as OrgNodeType) || node.type === OrgNodeType.Community
        ? [Role.CommunityAdmin, ...ORG_MANAGERS]
        : node.type === OrgNodeType.WorkUnit || node.type === OrgNodeType.UnitPartyOrg
          ? [Role.UnitAdmin, ...ORG_MANAGERS]
          : ORG_MANAGERS;
    if (!this.scope.covers(p, node.path, managers)) throw forbidden('无权修改该组织');
    const name = dto.name?.trim();
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(OrgNodeEntity);
      await repo.update({ id }, { ...dto, ...(name ? { name } : {}), updatedAt: new Date() });
      if (name && name !== node.name) {
        await this.audit.record(
          {
            action: AuditAction.OrgRename,
            actor: p,
            actorRoles: managers,
            objectType: AuditObjectType.OrgNode,
            objectId: id,
            nodeId: id,
            detail: { type: node.type, from: node.name, to: name },
          },
          m,
        );
      }
      return toOrgNodeDto(await repo.findOneByOrFail({ id }));
    });
  }

  /** Direct children, or with `type` every descendant of that type (e.g. a community's buildings). */
  async children(p: Principal, id: number, type?: OrgNodeType, includeClosed = false): Promise<OrgNodeDto[]> {
    const node = await this.scope.assertNode(p, id, [...COMMUNITY_READERS, Role.UnitAdmin]);
    const repo = this.db.getRepository(OrgNodeEntity);
    const open = includeClosed ? {} : { closedAt: IsNull() };
    const rows = type
      ? await repo.find({ where: { path: Like(`${node.path}%`), type, ...open }, order: { id: 'ASC' }, take: 2000 })
      : await repo.find({ where: { parentId: id, ...open }, order: { id: 'ASC' }, take: 2000 });
    return rows.filter((r) => r.id !== id).map(toOrgNodeDto);
  }

  /** The roots of the caller's scopes (staff only). */
  async myRoots(p: Principal): Promise<OrgNodeDto[]> {
    const staff = p.roles.filter((r) => r.role !== Role.Resident && r.role !== Role.Member);
    if (staff.some((r) => r.scopeNodeId === null)) {
      return (await this.db.getRepository(OrgNodeEntity).find({ where: { depth: 0 }, order: { id: 'ASC' } })).map(
        toOrgNodeDto,
      );
    }
    const ids = [...new Set(staff.map((r) => r.scopeNodeId as number))];
    if (!ids.length) return [];
    return (await this.db.getRepository(OrgNodeEntity).findBy({ id: In(ids) })).map(toOrgNodeDto);
  }

  /** The same public facts by id (residents and members know their community's id from their roles). */
  async communityById(id: number): Promise<CommunityPublicDto> {
    const community = await this.db.getRepository(OrgNodeEntity).findOneBy({ id, type: OrgNodeType.Community });
    if (!community) throw notFound('社区不存在');
    return this.publicFacts(community);
  }

  /** What a member sees after scanning a community's QR code; a closed community takes no registrations. */
  async communityByCode(code: string): Promise<CommunityPublicDto> {
    const repo = this.db.getRepository(OrgNodeEntity);
    const community = await repo.findOneBy({ code: code.toUpperCase(), type: OrgNodeType.Community });
    if (!community) throw notFound('社区不存在，请确认二维码是否正确');
    if (community.closedAt) throw conflict('该社区已撤销，不再接受报到，请联系所在街道');
    return this.publicFacts(community);
  }

  /** Open communities to join, nearest `point` first (by name without one). */
  nearby(point: { lat: number; lng: number } | null): Promise<NearbyCommunityDto[]> {
    return nearbyCommunities(this.db, point);
  }

  /** The public facts of a community: its open buildings, positions and its district's open work units. */
  private async publicFacts(community: OrgNodeEntity): Promise<CommunityPublicDto> {
    const repo = this.db.getRepository(OrgNodeEntity);
    const ancestorIds = community.path.split('/').filter(Boolean).map(Number);
    const [ancestors, positions, buildings] = await Promise.all([
      repo.findBy({ id: In(ancestorIds) }),
      this.db
        .getRepository(PositionEntity)
        .find({ where: { communityId: community.id, active: true }, order: { sortOrder: 'ASC', id: 'ASC' } }),
      repo.find({
        where: { path: Like(`${community.path}%`), type: OrgNodeType.Building, closedAt: IsNull() },
        order: { id: 'ASC' },
      }),
    ]);
    const district = ancestors.find((a) => a.type === OrgNodeType.District);
    const units = district
      ? await repo.find({
          where: { parentId: district.id, type: OrgNodeType.WorkUnit, closedAt: IsNull() },
          order: { id: 'ASC' },
        })
      : [];
    const byId = new Map(ancestors.map((a) => [a.id, a]));
    return {
      id: community.id,
      code: community.code as string,
      name: community.name,
      streetName: ancestors.find((a) => a.type === OrgNodeType.Street)?.name ?? null,
      districtName: district?.name ?? null,
      address: community.address,
      positions: positions.map(toPositionDto),
      buildings: buildings.map((b) => {
        const parent = b.parentId ? byId.get(b.parentId) : undefined;
        return {
          id: b.id,
          name: b.name,
          gridId: b.parentId && parent?.type !== OrgNodeType.Community ? b.parentId : null,
        };
      }),
      workUnits: units.map((u) => ({ id: u.id, name: u.name })),
    };
  }

  /**
   * The city-wide unit directory: open work units whose name contains `q` (at least 2 characters),
   * keyset-paged by id. A member may live in one district and work for a unit of another.
   */
  async searchWorkUnits(q: { q: string; cursor?: string; limit?: number }): Promise<Page<WorkUnitDirectoryEntryDto>> {
    const text = q.q.trim();
    if ([...text].length < 2) throw badRequest('请至少输入2个字', 'q');
    const limit = q.limit ?? 20;
    const pattern = `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
    const rows: { id: unknown; name: string; district_id: unknown; district_name: string | null }[] =
      await this.db.query(
        `SELECT n.id, n.name, d.id AS district_id, d.name AS district_name
           FROM org_nodes n LEFT JOIN org_nodes d ON d.id = n.parent_id
          WHERE n.type = ? AND n.closed_at IS NULL AND n.name LIKE ? ESCAPE '!' AND n.id > ?
          ORDER BY n.id ASC LIMIT ${limit + 1}`,
        [OrgNodeType.WorkUnit, pattern, q.cursor ? Number(q.cursor) : 0],
      );
    const items = rows.slice(0, limit).map((r) => ({
      id: Number(r.id),
      name: r.name,
      districtId: r.district_id === null ? null : Number(r.district_id),
      districtName: r.district_name ?? null,
    }));
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
  }

  async positions(p: Principal, communityId: number): Promise<PositionDto[]> {
    await this.scope.assertNode(p, communityId, COMMUNITY_READERS);
    const rows = await this.db
      .getRepository(PositionEntity)
      .find({ where: { communityId }, order: { sortOrder: 'ASC', id: 'ASC' } });
    return rows.map(toPositionDto);
  }

  async createPosition(p: Principal, communityId: number, dto: CreatePositionDto): Promise<PositionDto> {
    const node = await this.scope.assertNode(p, communityId, [Role.CommunityAdmin]);
    if (node.type !== OrgNodeType.Community) throw badRequest('岗位只能建在社区下', 'communityId');
    const repo = this.db.getRepository(PositionEntity);
    if (await repo.existsBy({ communityId, code: dto.code })) throw conflict('该岗位编码已存在');
    const { identifiers } = await repo.insert({
      communityId,
      code: dto.code,
      name: dto.name.trim(),
      description: dto.description ?? null,
      active: true,
      sortOrder: dto.sortOrder ?? 100,
      createdAt: new Date(),
    });
    return toPositionDto(await repo.findOneByOrFail({ id: Number(identifiers[0].id) }));
  }

  async updatePosition(p: Principal, id: number, dto: UpdatePositionDto): Promise<PositionDto> {
    const repo = this.db.getRepository(PositionEntity);
    const position = await repo.findOneBy({ id });
    if (!position) throw notFound('岗位不存在');
    await this.scope.assertNode(p, position.communityId, [Role.CommunityAdmin]);
    await repo.update({ id }, dto);
    return toPositionDto(await repo.findOneByOrFail({ id }));
  }

  /** The H5 registration URL a community's QR code encodes. */
  async registrationUrl(
    p: Principal,
    communityId: number,
  ): Promise<{ url: string; code: string; name: string; streetName: string | null }> {
    const node = await this.scope.assertNode(p, communityId, COMMUNITY_READERS);
    if (node.type !== OrgNodeType.Community) throw badRequest('只有社区有报到二维码', 'communityId');
    const nodes = this.db.getRepository(OrgNodeEntity);
    const community = await nodes.findOneByOrFail({ id: communityId });
    const parent = community.parentId ? await nodes.findOneBy({ id: community.parentId }) : null;
    const code = community.code as string;
    return {
      url: `${this.config.publicBaseUrl}/${REGISTER_PAGE_PATH}?${REGISTER_COMMUNITY_PARAM}=${encodeURIComponent(code)}`,
      code,
      name: community.name,
      streetName: parent?.type === OrgNodeType.Street ? parent.name : null,
    };
  }
}
