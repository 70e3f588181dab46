import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  OrgNodeType,
  PairingItemStatus,
  PairingListType,
  Role,
  type PairingDto,
  type PairingItemDto,
} from '@sbd/contracts';
import { DataSource, In } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { COMMUNITY_READERS, ScopeService } from '../../platform/auth/scope.service';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors/app-errors';
import type { CreatePairingItemDto } from './dto/create-pairing-item.dto';
import type { CreatePairingDto } from './dto/create-pairing.dto';
import type { UpdatePairingItemDto } from './dto/update-pairing-item.dto';
import { PairingItemEntity } from './entities/pairing-item.entity';
import { UnitPairingEntity } from './entities/unit-pairing.entity';
import { orgNodeReader } from '../../org';

const UNIT_READERS = [Role.UnitAdmin, Role.DistrictAdmin, Role.PlatformAdmin];

/**
 * 结对共建: a work unit registers with the communities it pairs with and keeps three lists there.
 * The community writes the needs list, the unit the resources list, and either the projects list.
 */
@Injectable()
export class UnitsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
  ) {}

  async createPairing(p: Principal, unitId: number, dto: CreatePairingDto): Promise<PairingDto> {
    const unit = await this.scope.assertNode(p, unitId, [Role.UnitAdmin], '只有本单位的管理员可以结对');
    if (unit.type !== OrgNodeType.WorkUnit) throw badRequest('请选择单位', 'unitId');
    const community = await orgNodeReader(this.db).findOneBy({ id: dto.communityId, type: OrgNodeType.Community });
    if (!community) throw badRequest('所选社区不存在', 'communityId');
    const repo = this.db.getRepository(UnitPairingEntity);
    if (await repo.existsBy({ unitId, communityId: dto.communityId })) throw conflict('本单位已与该社区结对');
    const { identifiers } = await repo.insert({
      unitId,
      communityId: dto.communityId,
      note: dto.note?.trim() || null,
      createdById: p.userId,
      createdAt: new Date(),
    });
    return (await this.toDtos(await repo.findBy({ id: Number(identifiers[0].id) })))[0];
  }

  async listForUnit(p: Principal, unitId: number): Promise<PairingDto[]> {
    await this.scope.assertNode(p, unitId, UNIT_READERS);
    return this.toDtos(
      await this.db.getRepository(UnitPairingEntity).find({ where: { unitId }, order: { id: 'ASC' } }),
    );
  }

  async listForCommunity(p: Principal, communityId: number): Promise<PairingDto[]> {
    await this.scope.assertNode(p, communityId, COMMUNITY_READERS);
    return this.toDtos(
      await this.db.getRepository(UnitPairingEntity).find({ where: { communityId }, order: { id: 'ASC' } }),
    );
  }

  async items(p: Principal, pairingId: number, listType?: PairingListType): Promise<PairingItemDto[]> {
    const pairing = await this.pairing(pairingId);
    if (!(await this.canRead(p, pairing))) throw forbidden('无权查看该结对清单');
    const rows = await this.db.getRepository(PairingItemEntity).find({
      where: { pairingId, ...(listType ? { listType } : {}) },
      order: { id: 'ASC' },
    });
    return rows.map(toItemDto);
  }

  async createItem(p: Principal, pairingId: number, dto: CreatePairingItemDto): Promise<PairingItemDto> {
    const pairing = await this.pairing(pairingId);
    await this.assertCanWrite(p, pairing, dto.listType);
    const now = new Date();
    const repo = this.db.getRepository(PairingItemEntity);
    const { identifiers } = await repo.insert({
      pairingId,
      listType: dto.listType,
      title: dto.title.trim(),
      description: dto.description?.trim() || null,
      status: PairingItemStatus.Open,
      createdById: p.userId,
      createdAt: now,
      updatedAt: now,
    });
    return toItemDto(await repo.findOneByOrFail({ id: Number(identifiers[0].id) }));
  }

  async updateItem(p: Principal, itemId: number, dto: UpdatePairingItemDto): Promise<PairingItemDto> {
    const repo = this.db.getRepository(PairingItemEntity);
    const item = await repo.findOneBy({ id: itemId });
    if (!item) throw notFound('清单条目不存在');
    await this.assertCanWrite(p, await this.pairing(item.pairingId), item.listType);
    await repo.update({ id: itemId }, { ...dto, updatedAt: new Date() });
    return toItemDto(await repo.findOneByOrFail({ id: itemId }));
  }

  private async pairing(id: number): Promise<UnitPairingEntity> {
    const pairing = await this.db.getRepository(UnitPairingEntity).findOneBy({ id });
    if (!pairing) throw notFound('结对关系不存在');
    return pairing;
  }

  private async canRead(p: Principal, pairing: UnitPairingEntity): Promise<boolean> {
    const [unit, community] = await Promise.all([
      this.scope.node(pairing.unitId),
      this.scope.node(pairing.communityId),
    ]);
    return this.scope.covers(p, unit.path, UNIT_READERS) || this.scope.covers(p, community.path, COMMUNITY_READERS);
  }

  private async assertCanWrite(p: Principal, pairing: UnitPairingEntity, listType: PairingListType): Promise<void> {
    const [unit, community] = await Promise.all([
      this.scope.node(pairing.unitId),
      this.scope.node(pairing.communityId),
    ]);
    const asUnit = this.scope.covers(p, unit.path, [Role.UnitAdmin]);
    const asCommunity = this.scope.covers(p, community.path, [Role.CommunityAdmin]);
    const allowed =
      listType === PairingListType.Needs
        ? asCommunity
        : listType === PairingListType.Resources
          ? asUnit
          : asUnit || asCommunity;
    if (!allowed) {
      throw forbidden(
        listType === PairingListType.Needs
          ? '需求清单由社区管理员维护'
          : listType === PairingListType.Resources
            ? '资源清单由单位管理员维护'
            : '只有结对双方可以维护项目清单',
      );
    }
  }

  private async toDtos(rows: UnitPairingEntity[]): Promise<PairingDto[]> {
    if (!rows.length) return [];
    const ids = [...new Set(rows.flatMap((r) => [r.unitId, r.communityId]))];
    const names = new Map((await orgNodeReader(this.db).findBy({ id: In(ids) })).map((n) => [n.id, n.name]));
    return rows.map((r) => ({
      id: r.id,
      unitId: r.unitId,
      unitName: names.get(r.unitId) ?? '',
      communityId: r.communityId,
      communityName: names.get(r.communityId) ?? '',
      note: r.note,
      createdAt: r.createdAt.toISOString(),
    }));
  }
}

const toItemDto = (i: PairingItemEntity): PairingItemDto => ({
  id: i.id,
  pairingId: i.pairingId,
  listType: i.listType,
  title: i.title,
  description: i.description,
  status: i.status,
  createdByUserId: i.createdById,
  createdAt: i.createdAt.toISOString(),
});
