import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  AuditObjectType,
  NEED_CATEGORY_LABELS,
  NEED_STATUS_LABELS,
  OrgNodeType,
  REGISTRATION_STATUS_LABELS,
  TASK_KIND_LABELS,
  TASK_STATUS_LABELS,
  TASK_TARGET_LABELS,
  type NeedCategory,
  type NeedStatus,
  type RegistrationStatus,
  type TaskKind,
  type TaskStatus,
  type TaskTarget,
} from '@sbd/contracts';
import { maskPhone } from '@sbd/domain';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import type { Principal } from '../../platform/auth/principal';
import { COMMUNITY_READERS, ScopeService } from '../../platform/auth/scope.service';
import { FieldCipher } from '../../platform/crypto/field-cipher';
import { badRequest } from '../../platform/errors/app-errors';
import { fromDbDate } from '../../platform/database/sql';
import { idList, inSlices, num } from '../shared/report-sql';
import { addSheet, newWorkbook, shanghaiTime, toBuffer } from '../shared/xlsx';

/** An export never holds more rows than this; narrow the filter instead. */
export const EXPORT_MAX_ROWS = 50_000;

type Row = Record<string, unknown>;

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const time = (v: unknown) => shanghaiTime(fromDbDate(v));
const parseList = (v: unknown): string[] => {
  if (Array.isArray(v)) return v.map(String);
  try {
    const parsed = JSON.parse(String(v ?? '[]'));
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
};

/**
 * Staff lists as Excel, exactly as filtered on screen (DOMAIN §8): each export applies the WHERE of
 * its list endpoint (registration, needs and tasks services) and the same order (newest first), with
 * no pagination. Phones are always masked.
 */
@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
  ) {}

  /** Every export is audited: who downloaded which list of which community, with the filter and row count. */
  private async audited(
    p: Principal,
    communityId: number,
    list: 'registrations' | 'needs' | 'tasks',
    filter: object,
    rows: number,
  ): Promise<void> {
    await this.audit.record({
      action: AuditAction.ExportDownload,
      actor: p,
      objectType: AuditObjectType.OrgNode,
      objectId: communityId,
      nodeId: communityId,
      detail: { export: list, filter: { ...filter }, rows },
    });
  }

  private async community(p: Principal, id: number, message?: string, requireCommunity = true) {
    const node = await this.scope.assertNode(p, id, COMMUNITY_READERS, message);
    if (requireCommunity && node.type !== OrgNodeType.Community) throw badRequest('请选择社区', 'communityId');
    return node;
  }

  private async select(sql: string, where: string[], params: unknown[]): Promise<Row[]> {
    const [count] = await this.db.query(`SELECT COUNT(*) AS n ${sql} WHERE ${where.join(' AND ')}`, params);
    if (num(count?.n) > EXPORT_MAX_ROWS) throw badRequest(`导出的数据超过${EXPORT_MAX_ROWS}条，请缩小筛选范围后再导出`);
    return this.db.query(`SELECT * ${sql} WHERE ${where.join(' AND ')} ORDER BY id DESC`, params);
  }

  private async nodeNames(ids: unknown[]): Promise<Map<number, string>> {
    const wanted = [...new Set(ids.filter((x) => x !== null && x !== undefined).map(Number))];
    const out = new Map<number, string>();
    await inSlices(wanted, 1000, async (slice) => {
      for (const n of await this.db.query(`SELECT id, name FROM org_nodes WHERE id IN ${idList(slice)}`))
        out.set(Number(n.id), n.name);
    });
    return out;
  }

  /** GET /communities/:id/registrations, as Excel (same filter: status). */
  async registrations(p: Principal, communityId: number, q: { status?: string }): Promise<Buffer> {
    await this.community(p, communityId);
    const where = ['community_id = ?'];
    const params: unknown[] = [communityId];
    if (q.status) {
      where.push('status = ?');
      params.push(q.status);
    }
    const rows = await this.select('FROM registrations', where, params);
    const names = await this.nodeNames(
      rows.flatMap((r) => [r.community_id, r.building_id, r.branch_id, r.group_id, r.grid_id]),
    );
    const positions = new Map<number, string[]>();
    await inSlices(
      rows.map((r) => Number(r.id)),
      1000,
      async (slice) => {
        const links = await this.db.query(
          `SELECT rp.registration_id, p.name FROM registration_positions rp JOIN positions p ON p.id = rp.position_id
            WHERE rp.registration_id IN ${idList(slice)} ORDER BY rp.registration_id, p.id`,
        );
        for (const l of links)
          positions.set(Number(l.registration_id), [...(positions.get(Number(l.registration_id)) ?? []), l.name]);
      },
    );
    const node = (v: unknown) => (v === null || v === undefined ? '' : (names.get(Number(v)) ?? ''));
    const wb = newWorkbook();
    addSheet(
      wb,
      '报到记录',
      [
        { header: '编号', value: (r: Row) => Number(r.id) },
        { header: '姓名', value: (r) => text(r.name) },
        { header: '手机号', width: 14, value: (r) => maskPhone(this.cipher.decrypt(String(r.phone_enc))) },
        { header: '状态', value: (r) => REGISTRATION_STATUS_LABELS[r.status as RegistrationStatus] ?? text(r.status) },
        { header: '社区', width: 16, value: (r) => node(r.community_id) },
        { header: '工作单位', width: 24, value: (r) => text(r.work_unit_name) },
        { header: '单位党组织', width: 28, value: (r) => text(r.unit_party_org_name) },
        { header: '小区/楼栋', width: 16, value: (r) => node(r.building_id) },
        { header: '住址', width: 16, value: (r) => text(r.residence_detail) },
        { header: '功能型党支部', width: 24, value: (r) => node(r.branch_id) },
        { header: '党小组', width: 16, value: (r) => node(r.group_id) },
        { header: '网格', width: 16, value: (r) => node(r.grid_id) },
        { header: '技能特长', width: 24, value: (r) => parseList(r.skills).join('、') },
        { header: '岗位', width: 24, value: (r) => (positions.get(Number(r.id)) ?? []).join('、') },
        { header: '提交时间', width: 18, value: (r) => time(r.submitted_at) },
        { header: '审核时间', width: 18, value: (r) => time(r.reviewed_at) },
        { header: '驳回原因', width: 24, value: (r) => text(r.reject_reason) },
        { header: '单位已确认', value: (r) => (Number(r.unit_confirmed) ? '是' : '否') },
      ],
      rows,
    );
    await this.audited(p, communityId, 'registrations', q, rows.length);
    return toBuffer(wb);
  }

  /** GET /communities/:id/needs, as Excel (same filters: status, category, buildingId). */
  async needs(
    p: Principal,
    communityId: number,
    q: { status?: string; category?: string; buildingId?: number },
  ): Promise<Buffer> {
    await this.community(p, communityId, '无权查看该社区的需求');
    const where = ['community_id = ?'];
    const params: unknown[] = [communityId];
    if (q.status) {
      where.push('status = ?');
      params.push(q.status);
    }
    if (q.category) {
      where.push('category = ?');
      params.push(q.category);
    }
    if (q.buildingId) {
      where.push('building_id = ?');
      params.push(q.buildingId);
    }
    const rows = await this.select('FROM needs', where, params);
    const names = await this.nodeNames(rows.map((r) => r.building_id));
    const residents = new Map<number, { name: string; phoneEnc: string | null }>();
    await inSlices(
      [
        ...new Set(
          rows
            .map((r) => r.resident_user_id)
            .filter((x) => x !== null)
            .map(Number),
        ),
      ],
      1000,
      async (slice) => {
        for (const u of await this.db.query(`SELECT id, name, phone_enc FROM users WHERE id IN ${idList(slice)}`)) {
          residents.set(Number(u.id), { name: u.name, phoneEnc: u.phone_enc });
        }
      },
    );
    const scores = new Map<number, number>();
    await inSlices(
      rows.map((r) => Number(r.id)),
      1000,
      async (slice) => {
        for (const g of await this.db.query(
          `SELECT need_id, score FROM ratings WHERE kind = 'resident' AND need_id IN ${idList(slice)} ORDER BY id ASC`,
        )) {
          scores.set(Number(g.need_id), Number(g.score));
        }
      },
    );
    const requester = (r: Row) => {
      const resident = r.resident_user_id === null ? undefined : residents.get(Number(r.resident_user_id));
      const name = Number(r.proxy) ? text(r.proxy_name) : (resident?.name ?? '');
      const phoneEnc =
        (r.contact_phone_enc as string | null) ??
        (Number(r.proxy) ? (r.proxy_phone_enc as string | null) : (resident?.phoneEnc ?? null));
      return { name, phone: phoneEnc ? maskPhone(this.cipher.decrypt(phoneEnc)) : '' };
    };
    const wb = newWorkbook();
    addSheet(
      wb,
      '居民点单',
      [
        { header: '编号', value: (r: Row) => Number(r.id) },
        { header: '标题', width: 24, value: (r) => text(r.title) },
        { header: '类别', value: (r) => NEED_CATEGORY_LABELS[r.category as NeedCategory] ?? text(r.category) },
        { header: '状态', value: (r) => NEED_STATUS_LABELS[r.status as NeedStatus] ?? text(r.status) },
        { header: '描述', width: 40, value: (r) => text(r.description) },
        {
          header: '小区/楼栋',
          width: 16,
          value: (r) => (r.building_id === null ? '' : (names.get(Number(r.building_id)) ?? '')),
        },
        { header: '地点', width: 20, value: (r) => text(r.place) },
        { header: '提出人', value: (r) => requester(r).name },
        { header: '联系电话', width: 14, value: (r) => requester(r).phone },
        { header: '代点单', value: (r) => (Number(r.proxy) ? '是' : '否') },
        { header: '+1人数', value: (r) => num(r.plus_count) },
        { header: '提出时间', width: 18, value: (r) => time(r.created_at) },
        { header: '受理时间', width: 18, value: (r) => time(r.accepted_at) },
        { header: '办结时间', width: 18, value: (r) => time(r.fulfilled_at) },
        { header: '居民评分', value: (r) => scores.get(Number(r.id)) ?? '' },
        { header: '未受理原因', width: 24, value: (r) => text(r.reject_reason) },
      ],
      rows,
    );
    await this.audited(p, communityId, 'needs', q, rows.length);
    return toBuffer(wb);
  }

  /** GET /communities/:id/tasks, as Excel (same filter: status). */
  async tasks(p: Principal, communityId: number, q: { status?: string }): Promise<Buffer> {
    await this.community(p, communityId, undefined, false);
    const where = ['community_id = ?'];
    const params: unknown[] = [communityId];
    if (q.status) {
      where.push('status = ?');
      params.push(q.status);
    }
    const rows = await this.select('FROM tasks', where, params);
    const wb = newWorkbook();
    addSheet(
      wb,
      '服务任务',
      [
        { header: '编号', value: (r: Row) => Number(r.id) },
        { header: '标题', width: 24, value: (r) => text(r.title) },
        { header: '类型', value: (r) => TASK_KIND_LABELS[r.kind as TaskKind] ?? text(r.kind) },
        { header: '面向', value: (r) => TASK_TARGET_LABELS[r.target as TaskTarget] ?? text(r.target) },
        { header: '状态', value: (r) => TASK_STATUS_LABELS[r.status as TaskStatus] ?? text(r.status) },
        { header: '名额', value: (r) => num(r.capacity) },
        { header: '已报名', value: (r) => num(r.claimed_count) },
        { header: '开始时间', width: 18, value: (r) => time(r.starts_at) },
        { header: '结束时间', width: 18, value: (r) => time(r.ends_at) },
        { header: '地点', width: 24, value: (r) => text(r.place) },
        { header: '每小时积分', value: (r) => num(r.points_per_hour) },
        { header: '发布时间', width: 18, value: (r) => time(r.published_at) },
        { header: '完成时间', width: 18, value: (r) => time(r.completed_at) },
        { header: '取消原因', width: 24, value: (r) => text(r.cancel_reason) },
      ],
      rows,
    );
    await this.audited(p, communityId, 'tasks', q, rows.length);
    return toBuffer(wb);
  }
}
