import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, AuditObjectType, PiiObjectType, type PiiRevealDto, type PiiRevealRequest } from '@sbd/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { transaction } from '../database/sql';
import { PrivacyHooks } from './privacy-hooks';

const AUDITED_AS: Record<PiiObjectType, AuditObjectType> = {
  [PiiObjectType.Need]: AuditObjectType.Need,
  [PiiObjectType.Registration]: AuditObjectType.Registration,
  [PiiObjectType.Callup]: AuditObjectType.Callup,
};

/**
 * 查看完整号码: the full number for the staff who act on the record (the context that owns it
 * decides who), each reveal recorded as 'pii.reveal' — who, which object and field, the reason and
 * the client address — in the same transaction, so no number leaves without its audit row.
 */
@Injectable()
export class PiiRevealService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hooks: PrivacyHooks,
    private readonly audit: AuditService,
  ) {}

  async reveal(p: Principal, dto: PiiRevealRequest): Promise<PiiRevealDto> {
    const revealer = this.hooks.revealer(dto.objectType, dto.field);
    const target = { objectId: dto.objectId, field: dto.field, memberUserId: dto.memberUserId ?? null };
    const revealedAt = new Date();
    const value = await transaction(this.db, async (m) => {
      const revealed = await revealer(p, target, m);
      await this.audit.record(
        {
          action: AuditAction.PiiReveal,
          actor: p,
          objectType: AUDITED_AS[dto.objectType],
          objectId: dto.objectId,
          nodeId: revealed.nodeId,
          detail: {
            field: dto.field,
            reason: dto.reason.trim(),
            ...(target.memberUserId !== null ? { memberUserId: target.memberUserId } : {}),
          },
          occurredAt: revealedAt,
        },
        m,
      );
      return revealed.value;
    });
    return { ...target, objectType: dto.objectType, value, revealedAt: revealedAt.toISOString() };
  }
}
