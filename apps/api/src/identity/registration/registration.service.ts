import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  AuditObjectType,
  ErrorCode,
  OrgNodeType,
  PAGES,
  RegistrationStatus,
  REGISTRATION_STATUS_LABELS,
  Role,
  type RegistrationDto,
} from '@sbd/contracts';
import { randomBytes } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import type { Principal } from '../../platform/auth/principal';
import { ScopeService } from '../../platform/auth/scope.service';
import { FieldCipher } from '../../platform/crypto/field-cipher';
import {
  AppError,
  badRequest,
  conflict,
  forbidden,
  illegalTransition,
  notFound,
} from '../../platform/errors/app-errors';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { execute, lockRow, toDbDate, transaction } from '../../platform/database/sql';
import { AuthService } from '../auth/auth.service';
import { PhoneVerificationService } from '../phone/phone-verification.service';
import { ConsentEntity } from '../users/entities/consent.entity';
import { UserEntity } from '../users/entities/user.entity';
import { PRIVACY_NOTICE } from '../users/privacy-notice';
import type { ApproveRegistrationDto } from './dto/approve-registration.dto';
import type { SubmitRegistrationDto } from './dto/submit-registration.dto';
import type { UpdateProfileDto } from './dto/update-profile.dto';
import { RegistrationPositionEntity } from './entities/registration-position.entity';
import { RegistrationEntity } from './entities/registration.entity';
import { RegistrationEvents } from './registration-events';
import { RegistrationViewsService } from './registration-views.service';
import { type OrgNodeView, orgNodeReader, positionReader } from '../../org';

@Injectable()
export class RegistrationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cipher: FieldCipher,
    private readonly scope: ScopeService,
    private readonly auth: AuthService,
    private readonly views: RegistrationViewsService,
    private readonly audit: AuditService,
    private readonly events: RegistrationEvents,
    private readonly phones: PhoneVerificationService,
  ) {}

  /** A member registers (报到) with the community whose QR code they scanned. */
  async submit(p: Principal, dto: SubmitRegistrationDto, ip: string | null): Promise<RegistrationDto> {
    if (dto.consentVersion !== PRIVACY_NOTICE.version) {
      throw badRequest(`请阅读并同意最新的隐私政策（${PRIVACY_NOTICE.version}）`, 'consentVersion');
    }
    // The phone must be the member's own: proven by WeChat's phone button or an SMS code.
    await this.phones.assertVerified(this.db.manager, p.userId, dto.phone);
    const id = await transaction(this.db, async (m) => {
      // One submission per member at a time: concurrent repeats wait here, then see the first.
      await lockRow(m, 'users', p.userId);
      const community = await orgNodeReader(m).findOneBy({
        code: dto.communityCode.toUpperCase(),
        type: OrgNodeType.Community,
      });
      if (!community) throw badRequest('社区不存在，请重新扫描社区二维码', 'communityCode');
      if (community.closedAt) throw conflict('该社区已撤销，不再接受报到，请联系所在街道');
      const fields = await this.checkResidence(m, community, dto.buildingId, dto.positionIds);
      let workUnitName = dto.workUnitName?.trim() ?? '';
      if (dto.workUnitId !== undefined) {
        const unit = await orgNodeReader(m).findOneBy({ id: dto.workUnitId, type: OrgNodeType.WorkUnit });
        if (!unit) throw badRequest('所选工作单位不存在', 'workUnitId');
        if (unit.closedAt) throw badRequest('所选工作单位已撤销，请重新选择', 'workUnitId');
        workUnitName = unit.name;
      }
      const now = new Date();
      const repo = m.getRepository(RegistrationEntity);
      const existing = await repo.findOneBy({ userId: p.userId });
      if (existing && existing.status !== RegistrationStatus.Rejected) {
        throw conflict(
          existing.status === RegistrationStatus.Approved
            ? '您已完成报到，如需修改请编辑个人资料'
            : '您的报到正在审核中，请耐心等待',
        );
      }
      const idNumberHash = dto.idNumber ? this.cipher.hash(dto.idNumber) : null;
      if (idNumberHash && (await this.idNumberTaken(m, idNumberHash, p.userId))) {
        throw idNumberConflict('该身份证号已被其他党员使用，请核对后重新填写；如确为本人证件，请联系社区工作人员');
      }
      const values = {
        userId: p.userId,
        communityId: community.id,
        status: RegistrationStatus.Pending,
        name: dto.name.trim(),
        phoneEnc: this.cipher.encrypt(dto.phone),
        phoneHash: this.cipher.hash(dto.phone),
        idNumberEnc: dto.idNumber ? this.cipher.encrypt(dto.idNumber.toUpperCase()) : null,
        idNumberHash,
        workUnitId: dto.workUnitId ?? null,
        workUnitName,
        unitPartyOrgName: dto.unitPartyOrgName.trim(),
        buildingId: fields.buildingId,
        residenceDetail: dto.residenceDetail.trim(),
        skills: normaliseSkills(dto.skills),
        freeTime: dto.freeTime.map((s) => ({ weekday: s.weekday, period: s.period })),
        branchId: null,
        groupId: null,
        gridId: fields.gridId,
        rejectReason: null,
        reviewedById: null,
        reviewedAt: null,
        approvedAt: null,
        consentVersion: dto.consentVersion,
        cardNo: null,
        unitConfirmed: false,
        submittedAt: now,
        updatedAt: now,
      };
      let regId: number;
      if (existing) {
        // A rejected registration is corrected and submitted again, conditionally on its state.
        const res = await m
          .createQueryBuilder()
          .update(RegistrationEntity)
          .set(values)
          .where('id = :id AND status = :status', { id: existing.id, status: RegistrationStatus.Rejected })
          .execute();
        if (res.affected !== 1) throw conflict('报到状态已变化，请刷新后重试');
        regId = existing.id;
      } else {
        regId = Number((await repo.insert(values)).identifiers[0].id);
      }
      await this.replacePositions(m, regId, dto.positionIds);
      // A work unit's roster listing this phone and name, or a confirmed 待核对 pairing, confirms the registration (报回单位).
      await m.query(
        `UPDATE registrations SET unit_confirmed = CASE WHEN EXISTS (
            SELECT 1 FROM unit_roster_entries e WHERE e.phone_hash = registrations.phone_hash AND e.name = registrations.name
          ) OR EXISTS (
            SELECT 1 FROM roster_match_decisions d JOIN unit_roster_entries e
              ON e.unit_id = d.unit_id AND e.phone_hash = d.phone_hash AND e.name = d.name
             WHERE d.registration_id = registrations.id AND d.decision = 'confirmed'
          ) THEN 1 ELSE 0 END WHERE id = ?`,
        [regId],
      );
      await m.getRepository(ConsentEntity).insert({
        userId: p.userId,
        noticeVersion: dto.consentVersion,
        acceptedAt: now,
        ip: ip?.slice(0, 64) ?? null,
        userAgent: null,
      });
      await m
        .getRepository(UserEntity)
        .update({ id: p.userId }, { consentVersion: dto.consentVersion, consentAt: now, updatedAt: now });
      return regId;
    }).catch((err: unknown) => {
      const e = err as { code?: string; message?: string };
      if (e.code === 'ER_DUP_ENTRY' || /UNIQUE constraint failed: registrations/.test(e.message ?? '')) {
        throw conflict('您的报到正在审核中，请耐心等待');
      }
      throw err;
    });
    return this.views.toDto(await this.db.getRepository(RegistrationEntity).findOneByOrFail({ id }), 'owner');
  }

  /**
   * Whether another user's approved registration has this ID number: compared by its keyed hash
   * (`id_number_hash`, FieldCipher.hash), since the number itself is stored encrypted.
   */
  private async idNumberTaken(m: EntityManager, idNumberHash: string, userId: number): Promise<boolean> {
    return m
      .getRepository(RegistrationEntity)
      .createQueryBuilder('r')
      .where('r.id_number_hash = :h AND r.status = :s AND r.user_id <> :u', {
        h: idNumberHash,
        s: RegistrationStatus.Approved,
        u: userId,
      })
      .getExists();
  }

  /** The building must be in the community; positions must be the community's active ones. */
  private async checkResidence(
    m: EntityManager,
    community: OrgNodeView,
    buildingId: number | undefined,
    positionIds: number[] | undefined,
  ): Promise<{ buildingId: number | null; gridId: number | null }> {
    let gridId: number | null = null;
    if (buildingId !== undefined) {
      const building = await orgNodeReader(m).findOneBy({ id: buildingId, type: OrgNodeType.Building });
      if (!building || !building.path.startsWith(community.path))
        throw badRequest('所选小区/楼栋不属于该社区', 'buildingId');
      if (building.closedAt) throw badRequest('所选小区/楼栋已撤销，请重新选择', 'buildingId');
      if (building.parentId && building.parentId !== community.id) gridId = building.parentId;
    }
    if (positionIds?.length) {
      const found = await positionReader(m).countBy({ id: In(positionIds), communityId: community.id, active: true });
      if (found !== positionIds.length) throw badRequest('所选岗位不属于该社区或已停用', 'positionIds');
    }
    return { buildingId: buildingId ?? null, gridId };
  }

  private async replacePositions(m: EntityManager, registrationId: number, positionIds: number[]): Promise<void> {
    await m.getRepository(RegistrationPositionEntity).delete({ registrationId });
    if (positionIds.length) {
      await m
        .getRepository(RegistrationPositionEntity)
        .insert(positionIds.map((positionId) => ({ registrationId, positionId })));
    }
  }

  async updateProfile(p: Principal, dto: UpdateProfileDto): Promise<RegistrationDto> {
    await this.db.transaction(async (m) => {
      const reg = await m.getRepository(RegistrationEntity).findOneBy({ userId: p.userId });
      if (!reg) throw notFound('您还没有报到');
      const community = await orgNodeReader(m).findOneByOrFail({ id: reg.communityId });
      const fields = await this.checkResidence(m, community, dto.buildingId, dto.positionIds);
      const patch: Partial<RegistrationEntity> = { updatedAt: new Date() };
      if (dto.skills) patch.skills = normaliseSkills(dto.skills);
      if (dto.freeTime) patch.freeTime = dto.freeTime.map((s) => ({ weekday: s.weekday, period: s.period }));
      if (dto.buildingId !== undefined) {
        patch.buildingId = fields.buildingId;
        if (fields.gridId) patch.gridId = fields.gridId;
      }
      if (dto.residenceDetail !== undefined) patch.residenceDetail = dto.residenceDetail.trim();
      await m.getRepository(RegistrationEntity).update({ id: reg.id }, patch);
      if (dto.positionIds) await this.replacePositions(m, reg.id, dto.positionIds);
    });
    return this.views.mine(p);
  }

  /** Anyone can check a card shown to them (亮身份); the name is masked. */

  /** A community's registrations, newest first, keyset-paginated on id. */

  /** A work unit's members (报回单位): registrations that name this unit. */

  /** Approved members of a functional branch, for its secretary (or the community's staff). */

  /** Community admin approves, assigns branch, group and grid; the member gets an e-card and the member role. */
  async approve(p: Principal, id: number, dto: ApproveRegistrationDto): Promise<RegistrationDto> {
    const reg = await this.reviewable(p, id);
    await this.db.transaction(async (m) => {
      const community = await orgNodeReader(m).findOneByOrFail({ id: reg.communityId });
      const check = async (nodeId: number | undefined, type: OrgNodeType, field: string, label: string) => {
        if (nodeId === undefined) return;
        const node = await orgNodeReader(m).findOneBy({ id: nodeId, type });
        if (!node || !node.path.startsWith(community.path)) throw badRequest(`所选${label}不属于该社区`, field);
      };
      await check(dto.branchId, OrgNodeType.FunctionalBranch, 'branchId', '功能型党支部');
      await check(dto.groupId, OrgNodeType.PartyGroup, 'groupId', '党小组');
      await check(dto.gridId, OrgNodeType.Grid, 'gridId', '网格');
      // Two pending registrations with one ID number: only the first approved keeps it.
      if (reg.idNumberHash && (await this.idNumberTaken(m, reg.idNumberHash, reg.userId))) {
        throw idNumberConflict('该报到填写的身份证号已被其他已报到党员使用，请核实身份后再审核，或驳回并说明原因');
      }
      const now = new Date();
      const cardNo = `SBD${String(reg.id).padStart(6, '0')}${randomBytes(3).toString('hex').toUpperCase()}`;
      const changed = await execute(
        m,
        `UPDATE registrations
            SET status = ?, branch_id = ?, group_id = ?, grid_id = COALESCE(?, grid_id), reviewed_by_id = ?,
                reviewed_at = ?, approved_at = ?, card_no = ?, reject_reason = NULL, updated_at = ?
          WHERE id = ? AND status = ?`,
        [
          RegistrationStatus.Approved,
          dto.branchId ?? null,
          dto.groupId ?? null,
          dto.gridId ?? null,
          p.userId,
          toDbDate(now),
          toDbDate(now),
          cardNo,
          toDbDate(now),
          reg.id,
          RegistrationStatus.Pending,
        ],
      );
      if (changed !== 1) throw illegalTransition('该报到已被处理，请刷新后查看');
      const granted = await this.auth.grantRole(m, reg.userId, Role.Member, reg.communityId);
      const by = { actor: p, actorRoles: [Role.CommunityAdmin], nodeId: reg.communityId };
      await this.audit.record(
        {
          ...by,
          action: AuditAction.RegistrationApprove,
          objectType: AuditObjectType.Registration,
          objectId: reg.id,
          detail: { userId: reg.userId, cardNo, branchId: dto.branchId, groupId: dto.groupId, gridId: dto.gridId },
        },
        m,
      );
      if (granted) {
        await this.audit.record(
          {
            ...by,
            action: AuditAction.RoleGrant,
            objectType: AuditObjectType.Account,
            objectId: reg.userId,
            detail: { role: Role.Member, scopeNodeId: reg.communityId, registrationId: reg.id },
          },
          m,
        );
      }
      await this.events.reviewed(m, {
        userId: reg.userId,
        approved: true,
        title: '报到审核通过',
        body: `您在「${community.name}」的报到已通过审核，可以领取服务任务了`,
        path: PAGES.card,
        dedupeKey: `registration:${reg.id}:approved:${now.getTime()}`,
      });
    });
    return this.views.toDto(await this.db.getRepository(RegistrationEntity).findOneByOrFail({ id }), 'staff');
  }

  async reject(p: Principal, id: number, reason: string): Promise<RegistrationDto> {
    const reg = await this.reviewable(p, id);
    const now = new Date();
    await transaction(this.db, async (m) => {
      const changed = await execute(
        m,
        `UPDATE registrations SET status = ?, reject_reason = ?, reviewed_by_id = ?, reviewed_at = ?, updated_at = ?
          WHERE id = ? AND status = ?`,
        [
          RegistrationStatus.Rejected,
          reason.trim(),
          p.userId,
          toDbDate(now),
          toDbDate(now),
          reg.id,
          RegistrationStatus.Pending,
        ],
      );
      if (changed !== 1) throw illegalTransition('该报到已被处理，请刷新后查看');
      await this.audit.record(
        {
          action: AuditAction.RegistrationReject,
          actor: p,
          actorRoles: [Role.CommunityAdmin],
          objectType: AuditObjectType.Registration,
          objectId: reg.id,
          nodeId: reg.communityId,
          detail: { userId: reg.userId, reason: reason.trim() },
        },
        m,
      );
      const community = await orgNodeReader(m).findOneByOrFail({ id: reg.communityId });
      await this.events.reviewed(m, {
        userId: reg.userId,
        approved: false,
        title: '报到未通过审核',
        body: `您在「${community.name}」的报到未通过：${reason.trim()}`,
        path: PAGES.register,
        dedupeKey: `registration:${reg.id}:rejected:${now.getTime()}`,
      });
    });
    return this.views.toDto(await this.db.getRepository(RegistrationEntity).findOneByOrFail({ id }), 'staff');
  }

  private async reviewable(p: Principal, id: number): Promise<RegistrationEntity> {
    const reg = await this.db.getRepository(RegistrationEntity).findOneBy({ id });
    if (!reg) throw notFound('报到记录不存在');
    await this.scope.assertNode(p, reg.communityId, [Role.CommunityAdmin], '只有本社区的管理员可以审核报到');
    if (reg.userId === p.userId) throw forbidden('不能审核自己的报到');
    if (reg.status !== RegistrationStatus.Pending) {
      throw illegalTransition(`该报到${REGISTRATION_STATUS_LABELS[reg.status]}，不能重复审核`);
    }
    return reg;
  }

  /** Resolves names in two queries for the whole page; masks personal numbers for non-owners. */
}

/** 409 naming the ID number field, so the form can show it there. */
function idNumberConflict(message: string): AppError {
  return new AppError(HttpStatus.CONFLICT, ErrorCode.Conflict, message, [{ field: 'idNumber', message }]);
}

function normaliseSkills(skills: string[]): string[] {
  return [...new Set(skills.map((s) => s.trim()).filter(Boolean))];
}
