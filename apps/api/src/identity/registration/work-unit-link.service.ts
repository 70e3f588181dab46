import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, AuditObjectType, OrgNodeType, type RegistrationDto } from '@sbd/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import type { Principal } from '../../platform/auth/principal';
import { COMMUNITY_READERS, ScopeService } from '../../platform/auth/scope.service';
import { execute, toDbDate, transaction } from '../../platform/database/sql';
import { badRequest, conflict, notFound } from '../../platform/errors/app-errors';
import { orgNodeReader } from '../../org';
import { RegistrationEntity } from './entities/registration.entity';
import { RegistrationViewsService } from './registration-views.service';

/**
 * 归并: a member who did not find their unit typed its name by hand; staff over the member's
 * community link the registration to the unit of the tree the name means. From then on the member
 * counts in that unit's numbers (its member records, its statistics).
 */
@Injectable()
export class WorkUnitLinkService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly views: RegistrationViewsService,
  ) {}

  async link(p: Principal, id: number, workUnitId: number): Promise<RegistrationDto> {
    const reg = await this.db.getRepository(RegistrationEntity).findOneBy({ id });
    if (!reg) throw notFound('报到记录不存在');
    await this.scope.assertNode(p, reg.communityId, COMMUNITY_READERS, '只有该社区及上级的管理员可以归并工作单位');
    if (reg.workUnitId !== null) throw conflict('该报到已关联单位，无需归并');
    const unit = await orgNodeReader(this.db).findOneBy({ id: workUnitId, type: OrgNodeType.WorkUnit });
    if (!unit) throw badRequest('所选工作单位不存在', 'workUnitId');
    if (unit.closedAt) throw badRequest('所选工作单位已撤销，请重新选择', 'workUnitId');
    await transaction(this.db, async (m) => {
      const changed = await execute(
        m,
        'UPDATE registrations SET work_unit_id = ?, work_unit_name = ?, updated_at = ? WHERE id = ? AND work_unit_id IS NULL',
        [unit.id, unit.name, toDbDate(new Date()), id],
      );
      if (changed !== 1) throw conflict('该报到已关联单位，请刷新后查看');
      await this.audit.record(
        {
          action: AuditAction.RegistrationLinkUnit,
          actor: p,
          actorRoles: COMMUNITY_READERS,
          objectType: AuditObjectType.Registration,
          objectId: id,
          nodeId: reg.communityId,
          detail: { typedName: reg.workUnitName, workUnitId: unit.id, workUnitName: unit.name },
        },
        m,
      );
    });
    return this.views.toDto(await this.db.getRepository(RegistrationEntity).findOneByOrFail({ id }), 'staff');
  }
}
