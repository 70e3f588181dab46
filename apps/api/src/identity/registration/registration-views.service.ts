import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  OrgNodeType,
  RegistrationStatus,
  REGISTRATION_STATUS_LABELS,
  Role,
  type BranchMemberDto,
  type CardVerificationDto,
  type ECardDto,
  type Page,
  type RegistrationDto,
} from '@sbd/contracts';
import { maskIdNumber, maskName, maskPhone } from '@sbd/domain';
import { DataSource, In, LessThan, type FindOptionsWhere } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { COMMUNITY_READERS, ScopeService } from '../../platform/auth/scope.service';
import { UnitMembership } from '../../platform/auth/unit-membership';
import { FieldCipher } from '../../platform/crypto/field-cipher';
import { badRequest, forbidden, illegalTransition, notFound } from '../../platform/errors/app-errors';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { UserEntity } from '../users/entities/user.entity';
import { RegistrationPositionEntity } from './entities/registration-position.entity';
import { RegistrationEntity } from './entities/registration.entity';
import { orgNodeReader, positionReader } from '../../org';

/** Who reads a registration decides how much of it they see. */
export type Viewer = 'owner' | 'staff';

/** Reading registrations: the member's own, the e-card, staff lists, and the DTOs (masked by viewer). */
@Injectable()
export class RegistrationViewsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cipher: FieldCipher,
    private readonly scope: ScopeService,
    private readonly units: UnitMembership,
  ) {}

  async mine(p: Principal): Promise<RegistrationDto> {
    const reg = await this.db.getRepository(RegistrationEntity).findOneBy({ userId: p.userId });
    if (!reg) throw notFound('您还没有报到');
    return this.toDto(reg, 'owner');
  }

  async card(p: Principal): Promise<ECardDto> {
    const reg = await this.db.getRepository(RegistrationEntity).findOneBy({ userId: p.userId });
    if (!reg) throw notFound('您还没有报到');
    if (reg.status !== RegistrationStatus.Approved || !reg.cardNo || !reg.approvedAt) {
      throw illegalTransition(`报到${REGISTRATION_STATUS_LABELS[reg.status]}，审核通过后才能领取电子亮身份卡`);
    }
    const dto = await this.toDto(reg, 'owner');
    return {
      cardNo: reg.cardNo,
      name: dto.name,
      communityName: dto.communityName,
      branchName: dto.branchName,
      groupName: dto.groupName,
      workUnitName: dto.workUnitName,
      positions: dto.positions.map((x) => x.name),
      approvedAt: reg.approvedAt.toISOString(),
      verifyUrl: `${this.config.publicBaseUrl}/api/cards/${reg.cardNo}`,
    };
  }

  async verifyCard(cardNo: string): Promise<CardVerificationDto> {
    const reg = await this.db.getRepository(RegistrationEntity).findOneBy({ cardNo });
    if (!reg) throw notFound('未找到该电子身份卡');
    const community = await orgNodeReader(this.db).findOneByOrFail({ id: reg.communityId });
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: reg.userId });
    return {
      valid: reg.status === RegistrationStatus.Approved && !user?.deletedAt,
      name: maskName(reg.name),
      communityName: community.name,
      status: reg.status,
    };
  }

  async listForCommunity(
    p: Principal,
    communityId: number,
    q: { status?: RegistrationStatus; cursor?: string; limit?: number },
  ): Promise<Page<RegistrationDto>> {
    const node = await this.scope.assertNode(p, communityId, COMMUNITY_READERS);
    if (node.type !== OrgNodeType.Community) throw badRequest('请选择社区', 'communityId');
    const where: FindOptionsWhere<RegistrationEntity> = { communityId };
    return this.page(where, q);
  }

  async listForUnit(p: Principal, unitId: number, q: { status?: RegistrationStatus; cursor?: string; limit?: number }) {
    const node = await this.scope.assertNode(p, unitId, [Role.UnitAdmin, Role.DistrictAdmin, Role.PlatformAdmin]);
    if (node.type !== OrgNodeType.WorkUnit) throw badRequest('请选择单位', 'unitId');
    return this.page({ workUnitId: unitId }, q);
  }

  private async page(
    where: FindOptionsWhere<RegistrationEntity>,
    q: { status?: RegistrationStatus; cursor?: string; limit?: number },
  ): Promise<Page<RegistrationDto>> {
    const limit = q.limit ?? 20;
    const rows = await this.db.getRepository(RegistrationEntity).find({
      where: {
        ...where,
        ...(q.status ? { status: q.status } : {}),
        ...(q.cursor ? { id: LessThan(Number(q.cursor)) } : {}),
      },
      order: { id: 'DESC' },
      take: limit + 1,
    });
    const items = await this.toDtos(rows.slice(0, limit), 'staff');
    return { items, nextCursor: rows.length > limit ? String(rows[limit - 1].id) : null };
  }

  async branchMembers(p: Principal, branchId: number): Promise<BranchMemberDto[]> {
    const node = await this.scope.assertNode(
      p,
      branchId,
      [Role.BranchSecretary, ...COMMUNITY_READERS],
      '只有该支部的书记可以查看支部党员',
    );
    if (node.type !== OrgNodeType.FunctionalBranch) throw badRequest('请选择功能型党支部', 'branchId');
    const regs = await this.db
      .getRepository(RegistrationEntity)
      .find({ where: { branchId, status: RegistrationStatus.Approved }, order: { id: 'ASC' }, take: 500 });
    const dtos = await this.toDtos(regs, 'staff');
    return dtos.map((d) => ({
      userId: d.userId,
      name: d.name,
      phone: d.phone,
      positions: d.positions.map((x) => x.name),
    }));
  }

  async get(p: Principal, id: number): Promise<RegistrationDto> {
    const reg = await this.db.getRepository(RegistrationEntity).findOneBy({ id });
    if (!reg) throw notFound('报到记录不存在');
    if (reg.userId === p.userId) return this.toDto(reg, 'owner');
    const community = await this.scope.node(reg.communityId);
    if (this.scope.covers(p, community.path, COMMUNITY_READERS)) return this.toDto(reg, 'staff');
    // The admin of every unit whose member records list the member (UnitMembership's one rule).
    for (const unitId of await this.units.unitsOf(this.db, reg.userId)) {
      const unit = await this.scope.node(unitId);
      if (this.scope.covers(p, unit.path, [Role.UnitAdmin])) return this.toDto(reg, 'staff');
    }
    throw forbidden('无权查看该报到记录');
  }

  async toDto(reg: RegistrationEntity, viewer: Viewer): Promise<RegistrationDto> {
    return (await this.toDtos([reg], viewer))[0];
  }

  private async toDtos(regs: RegistrationEntity[], viewer: Viewer): Promise<RegistrationDto[]> {
    if (!regs.length) return [];
    const nodeIds = new Set<number>();
    for (const r of regs) {
      for (const n of [r.communityId, r.buildingId, r.branchId, r.groupId, r.gridId]) if (n) nodeIds.add(n);
    }
    const [nodes, links] = await Promise.all([
      orgNodeReader(this.db).findBy({ id: In([...nodeIds]) }),
      this.db.getRepository(RegistrationPositionEntity).findBy({ registrationId: In(regs.map((r) => r.id)) }),
    ]);
    const positions = links.length
      ? await positionReader(this.db).findBy({ id: In([...new Set(links.map((l) => l.positionId))]) })
      : [];
    const nodeName = new Map(nodes.map((n) => [n.id, n.name]));
    const positionName = new Map(positions.map((x) => [x.id, x.name]));
    const name = (id: number | null) => (id ? (nodeName.get(id) ?? null) : null);
    return regs.map((r) => {
      const phone = this.cipher.decrypt(r.phoneEnc);
      const idNumber = r.idNumberEnc ? this.cipher.decrypt(r.idNumberEnc) : null;
      return {
        id: r.id,
        userId: r.userId,
        status: r.status,
        communityId: r.communityId,
        communityName: name(r.communityId) ?? '',
        name: r.name,
        phone: viewer === 'owner' ? phone : maskPhone(phone),
        idNumber: idNumber ? (viewer === 'owner' ? idNumber : maskIdNumber(idNumber)) : null,
        workUnitId: r.workUnitId,
        workUnitName: r.workUnitName,
        unitPartyOrgName: r.unitPartyOrgName,
        buildingId: r.buildingId,
        buildingName: name(r.buildingId),
        residenceDetail: r.residenceDetail,
        skills: r.skills,
        freeTime: r.freeTime,
        positions: links
          .filter((l) => l.registrationId === r.id)
          .map((l) => ({ id: l.positionId, name: positionName.get(l.positionId) ?? '' })),
        branchId: r.branchId,
        branchName: name(r.branchId),
        groupId: r.groupId,
        groupName: name(r.groupId),
        gridId: r.gridId,
        gridName: name(r.gridId),
        rejectReason: r.rejectReason,
        consentVersion: r.consentVersion,
        submittedAt: r.submittedAt.toISOString(),
        reviewedAt: r.reviewedAt?.toISOString() ?? null,
        unitConfirmed: !!r.unitConfirmed,
      };
    });
  }
}
