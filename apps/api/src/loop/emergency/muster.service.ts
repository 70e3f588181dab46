import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  AuditObjectType,
  CALLUP_RESPONSE_LABELS,
  PiiField,
  PiiObjectType,
  type MusterListRowDto,
} from '@sbd/contracts';
import { maskPhone } from '@sbd/domain';
import ExcelJS from 'exceljs';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { ScopeService } from '../../platform/auth/scope.service';
import { FieldCipher } from '../../platform/crypto/field-cipher';
import { badRequest, forbidden, notFound } from '../../platform/errors/app-errors';
import { AuditService } from '../../platform/audit/audit.service';
import { PrivacyHooks, type PiiTarget, type RevealedNumber } from '../../platform/privacy/privacy-hooks';
import { approvedMembersUnder } from '../../identity';
import { orgNodeReader } from '../../org';
import { CALLERS } from './emergency.service';
import { EmergencyCallupEntity } from './entities/emergency-callup.entity';
import { EmergencyResponseEntity } from './entities/emergency-response.entity';

/**
 * The muster list (花名册) of a call-up, for the staff who issued it (or any caller above it):
 * phones masked, or in full when a reason is given (audited), and 查看完整号码 on one member.
 */
@Injectable()
export class MusterService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly cipher: FieldCipher,
    private readonly hooks: PrivacyHooks,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.hooks.revealWith(PiiObjectType.Callup, (p, target, m) => this.reveal(p, target, m));
  }

  /**
   * The muster list as Excel. Phones are masked; `reason` asks for them in full, and that is a
   * reveal of every listed number: recorded as 'pii.reveal' before the file is built.
   */
  async xlsx(p: Principal, id: number, reason: string | null): Promise<{ buffer: Buffer; filename: string }> {
    const callup = await this.callup(this.db.manager, id);
    await this.scope.assertNode(p, callup.scopeNodeId, CALLERS, '只有发起范围内的管理员可以导出花名册');
    const rows = await this.rows(callup, reason !== null);
    if (reason !== null) {
      await this.audit.record({
        action: AuditAction.PiiReveal,
        actor: p,
        actorRoles: CALLERS,
        objectType: AuditObjectType.Callup,
        objectId: id,
        nodeId: callup.scopeNodeId,
        detail: { field: PiiField.Phone, reason, export: 'muster.xlsx', rows: rows.length },
      });
    }
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.columns = [
      { header: '姓名', key: 'name', width: 12 },
      { header: '手机号', key: 'phone', width: 16 },
      { header: '工作单位', key: 'workUnitName', width: 24 },
      { header: '功能型党支部', key: 'branchName', width: 28 },
      { header: '回复', key: 'response', width: 10 },
      { header: '预计到达（分钟）', key: 'etaMinutes', width: 16 },
      { header: '回复时间', key: 'respondedAt', width: 22 },
      { header: '编组', key: 'groupName', width: 10 },
    ];
    for (const r of rows) ws.addRow({ ...r, response: r.response ? CALLUP_RESPONSE_LABELS[r.response] : '未回复' });
    ws.getRow(1).font = { bold: true };
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await this.audit.record({
      action: AuditAction.ExportDownload,
      actor: p,
      actorRoles: CALLERS,
      objectType: AuditObjectType.Callup,
      objectId: callup.id,
      nodeId: callup.scopeNodeId,
      detail: { export: 'muster', rows: rows.length, fullPhones: reason !== null },
    });
    return { buffer, filename: `muster-${id}.xlsx` };
  }

  /** One called member's full phone, for a caller whose scope covers the call-up. */
  async reveal(p: Principal, target: PiiTarget, m: EntityManager): Promise<RevealedNumber> {
    if (target.memberUserId === null) throw badRequest('请选择召集中的党员', 'memberUserId');
    const callup = await this.callup(m, target.objectId);
    const node = await this.scope.node(callup.scopeNodeId);
    if (!this.scope.covers(p, node.path, CALLERS)) throw forbidden('只有发起范围内的管理员可以查看召集党员的完整号码');
    const member = (await approvedMembersUnder(m, node)).find((r) => r.userId === target.memberUserId);
    const value = member ? this.cipher.decrypt(member.phoneEnc) : '';
    if (!value) throw notFound('该党员不在本次召集范围内');
    return { value, nodeId: callup.scopeNodeId };
  }

  private async rows(callup: EmergencyCallupEntity, fullPhones: boolean): Promise<MusterListRowDto[]> {
    const node = await this.scope.node(callup.scopeNodeId);
    const members = await approvedMembersUnder(this.db, node);
    const responses = await this.db.getRepository(EmergencyResponseEntity).findBy({ callupId: callup.id });
    const byUser = new Map(responses.map((r) => [r.memberUserId, r]));
    const branchIds = [...new Set(members.map((r) => r.branchId).filter((b): b is number => !!b))];
    const branches = branchIds.length ? await orgNodeReader(this.db).findBy({ id: In(branchIds) }) : [];
    const branchName = new Map(branches.map((b) => [b.id, b.name]));
    return members
      .map((r) => {
        const resp = byUser.get(r.userId);
        const phone = this.cipher.decrypt(r.phoneEnc);
        return {
          name: r.name,
          phone: fullPhones ? phone : maskPhone(phone),
          workUnitName: r.workUnitName,
          branchName: r.branchId ? (branchName.get(r.branchId) ?? null) : null,
          response: resp?.answer ?? null,
          etaMinutes: resp?.etaMinutes ?? null,
          respondedAt: resp?.respondedAt.toISOString() ?? null,
          groupName: resp?.groupNo ? `第${resp.groupNo}组` : null,
        };
      })
      .sort(
        (a, b) =>
          (a.groupName ?? '~').localeCompare(b.groupName ?? '~') ||
          (a.respondedAt ?? '~').localeCompare(b.respondedAt ?? '~'),
      );
  }

  private async callup(m: EntityManager, id: number): Promise<EmergencyCallupEntity> {
    const callup = await m.getRepository(EmergencyCallupEntity).findOneBy({ id });
    if (!callup) throw notFound('召集不存在');
    return callup;
  }
}
