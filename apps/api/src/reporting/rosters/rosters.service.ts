import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode,
  OrgNodeType,
  Role,
  RosterMatchStatus,
  type Page,
  type RosterEntryDto,
  type RosterImportReport,
  type RosterRefusal,
  type RosterRowError,
} from '@sbd/contracts';
import { maskIdNumber, maskPhone } from '@sbd/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { ScopeService, type NodeRef } from '../../platform/auth/scope.service';
import { FieldCipher } from '../../platform/crypto/field-cipher';
import { badRequest } from '../../platform/errors/app-errors';
import { fromDbDate, toDbDate, transaction } from '../../platform/database/sql';
import { idList, inSlices, insertRows, num } from '../shared/report-sql';
import { noteRosterReplaced } from '../stats/stats-rollup-people';
import { entryMatchedSql, registrationOnRosterSql } from '../shared/roster-match-sql';
import { UNIT_READERS } from '../stats/stats.service';
import { parseRoster, rosterTemplate, ROSTER_NO_FILE, type RosterRow } from './roster-file';
import { candidateDto, classifyEntries, type EntryKey } from './roster-review';

export { bestMatch } from './roster-review';

/** Statements an upload writes in (SQLite: 9 columns × 500 rows stays far below its parameter limit). */
const BATCH = 500;
/** At most this many problems are repeated in `details`; `report.errors` always has them all. */
const DETAILS_MAX = 100;

export interface MatchedRegistration {
  id: number;
  userId: number;
  status: string;
  phoneHash: string;
  name: string;
}

/** Refuses an upload: 400 with the whole report, nothing written. */
function refusal(report: RosterImportReport, message?: string): HttpException {
  const n = report.errors.length;
  const body: RosterRefusal = {
    code: ErrorCode.ValidationFailed as RosterRefusal['code'],
    message: message ?? `名册有${n}处错误，未导入任何数据`,
    details: report.errors.slice(0, DETAILS_MAX).map((e: RosterRowError) => ({
      field: e.row ? `第${e.row}行${e.column ? `「${e.column}」` : ''}` : 'file',
      message: e.message,
    })),
    report,
  };
  return new HttpException(body, HttpStatus.BAD_REQUEST);
}

/**
 * 单位党员名册: a unit admin uploads its roster (.xlsx from the template); each row is checked and
 * answered with a per-row report. An upload replaces the unit's roster in one transaction, or
 * writes nothing. Entries are matched to registrations by keyed phone hash and name, which marks
 * those registrations as confirmed by the unit.
 */
@Injectable()
export class RostersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly cipher: FieldCipher,
  ) {}

  async unit(p: Principal, unitId: number, roles: Role[], message?: string): Promise<NodeRef> {
    const node = await this.scope.assertNode(p, unitId, roles, message);
    if (node.type !== OrgNodeType.WorkUnit) throw badRequest('请选择单位', 'id');
    return node;
  }

  async template(p: Principal, unitId: number): Promise<Buffer> {
    const unit = await this.unit(p, unitId, UNIT_READERS);
    return rosterTemplate(unit.name);
  }

  async upload(
    p: Principal,
    unitId: number,
    file: { buffer?: Buffer } | undefined,
    confirmValidOnly: boolean,
  ): Promise<RosterImportReport> {
    await this.unit(p, unitId, [Role.UnitAdmin], '只有本单位的管理员可以上传名册');
    const empty: RosterImportReport = {
      imported: 0,
      total: 0,
      valid: 0,
      errors: [],
      matched: 0,
      review: 0,
      reviews: [],
    };
    if (!file?.buffer?.length)
      throw refusal({ ...empty, errors: [{ row: 0, column: '', message: ROSTER_NO_FILE }] }, ROSTER_NO_FILE);
    const parsed = await parseRoster(file.buffer);
    if ('unreadable' in parsed)
      throw refusal({ ...empty, errors: [{ row: 0, column: '', message: parsed.unreadable }] }, parsed.unreadable);
    const report: RosterImportReport = {
      imported: 0,
      total: parsed.total,
      valid: parsed.valid.length,
      errors: parsed.errors,
      matched: 0,
      review: 0,
      reviews: [],
    };
    if (parsed.fatal || !parsed.valid.length || (parsed.errors.length && !confirmValidOnly)) throw refusal(report);
    const { imported, matched } = await this.replace(p, unitId, parsed.valid);
    const reviews = await this.reviews(unitId);
    return { ...report, imported, matched, review: reviews.length, reviews };
  }

  /** The unit's 待核对 entries with their candidate member, in file order. */
  private async reviews(unitId: number): Promise<RosterImportReport['reviews']> {
    const entries = await this.entryKeys(this.db, unitId);
    const matches = await classifyEntries(this.db, unitId, entries);
    return entries.flatMap((e) => {
      const m = matches.get(e.id);
      return m?.candidate
        ? [{ row: e.rowNo, rosterEntryId: e.id, name: e.name, candidate: candidateDto(this.cipher, e, m.candidate) }]
        : [];
    });
  }

  private async entryKeys(x: DataSource | EntityManager, unitId: number): Promise<(EntryKey & { rowNo: number })[]> {
    const rows: Record<string, unknown>[] = await x.query(
      'SELECT id, row_no, name, phone_hash, id_number_hash FROM unit_roster_entries WHERE unit_id = ? ORDER BY id ASC',
      [unitId],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      unitId,
      rowNo: Number(r.row_no),
      name: String(r.name),
      phoneHash: String(r.phone_hash),
      idNumberHash: (r.id_number_hash as string | null) ?? null,
    }));
  }

  /** Replaces the unit's roster with `rows`, matches them, and marks confirmations; all or nothing. */
  private async replace(
    p: Principal,
    unitId: number,
    rows: RosterRow[],
  ): Promise<{ imported: number; matched: number }> {
    const now = new Date();
    const ts = toDbDate(now);
    const values = rows.map((r) => [
      unitId,
      r.row,
      r.name,
      this.cipher.encrypt(r.phone),
      this.cipher.hash(r.phone),
      r.idNumber ? this.cipher.encrypt(r.idNumber) : null,
      r.idNumber ? this.cipher.hash(r.idNumber) : null,
      r.partyBranch,
      r.position,
      ts,
    ]);
    return transaction(this.db, async (m) => {
      const before = new Set((await this.matches(m, unitId)).map((r) => r.id));
      await noteRosterReplaced(m, unitId, now);
      await m.query('DELETE FROM unit_roster_entries WHERE unit_id = ?', [unitId]);
      await insertRows(
        m,
        'unit_roster_entries',
        [
          'unit_id',
          'row_no',
          'name',
          'phone_enc',
          'phone_hash',
          'id_number_enc',
          'id_number_hash',
          'party_branch',
          'position',
          'created_at',
        ],
        values,
        BATCH,
      );
      const after = await this.matches(m, unitId);
      const afterIds = [...new Set(after.map((r) => r.id))];
      const kept = new Set(afterIds);
      await inSlices(afterIds, BATCH, async (slice) => {
        await m.query(
          `UPDATE registrations SET unit_confirmed = 1, updated_at = ? WHERE id IN ${idList(slice)} AND unit_confirmed = 0`,
          [ts],
        );
      });
      // Registrations this unit confirmed before and no roster lists any more lose the confirmation.
      const dropped = [...before].filter((id) => !kept.has(id));
      await inSlices(dropped, BATCH, async (slice) => {
        await m.query(
          `UPDATE registrations SET unit_confirmed = 0, updated_at = ?
            WHERE id IN ${idList(slice)} AND unit_confirmed = 1
              AND NOT ${registrationOnRosterSql('registrations')}`,
          [ts],
        );
      });
      await m.query('DELETE FROM unit_rosters WHERE unit_id = ?', [unitId]);
      await m.query('INSERT INTO unit_rosters (unit_id, entries, uploaded_by_id, updated_at) VALUES (?, ?, ?, ?)', [
        unitId,
        rows.length,
        p.userId,
        ts,
      ]);
      const [row] = await m.query(
        `SELECT COUNT(*) AS n FROM unit_roster_entries e WHERE e.unit_id = ? AND ${entryMatchedSql('e')}`,
        [unitId],
      );
      return { imported: rows.length, matched: num(row?.n) };
    });
  }

  /** Registrations (any status) with the phone hash and name of one of the unit's entries, or confirmed for one. */
  async matches(x: DataSource | EntityManager, unitId: number): Promise<MatchedRegistration[]> {
    const rows: { id: unknown; user_id: unknown; status: string; phone_hash: string; name: string }[] = await x.query(
      `SELECT r.id, r.user_id, r.status, r.phone_hash, r.name FROM registrations r WHERE ${registrationOnRosterSql('r', unitId)}`,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      userId: Number(r.user_id),
      status: r.status,
      phoneHash: r.phone_hash,
      name: r.name,
    }));
  }

  /** The unit's roster in file order (keyset on id), numbers masked, with each entry's match or 待核对 candidate. */
  async list(p: Principal, unitId: number, q: { cursor?: string; limit?: number }): Promise<Page<RosterEntryDto>> {
    await this.unit(p, unitId, UNIT_READERS);
    const limit = q.limit ?? 50;
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT id, unit_id, row_no, name, phone_enc, phone_hash, id_number_enc, id_number_hash, party_branch, position, created_at
         FROM unit_roster_entries WHERE unit_id = ? AND id > ? ORDER BY id ASC LIMIT ${limit + 1}`,
      [unitId, q.cursor ? Number(q.cursor) : 0],
    );
    const page = rows.slice(0, limit);
    const keys: EntryKey[] = page.map((r) => ({
      id: Number(r.id),
      unitId,
      name: String(r.name),
      phoneHash: String(r.phone_hash),
      idNumberHash: (r.id_number_hash as string | null) ?? null,
    }));
    const matches = await classifyEntries(this.db, unitId, keys);
    return {
      items: page.map((r, i) => {
        const m = matches.get(keys[i].id);
        return {
          id: Number(r.id),
          unitId: Number(r.unit_id),
          rowNo: Number(r.row_no),
          name: String(r.name),
          phone: maskPhone(this.cipher.decrypt(String(r.phone_enc))),
          idNumber: r.id_number_enc ? maskIdNumber(this.cipher.decrypt(String(r.id_number_enc))) : null,
          partyBranch: (r.party_branch as string | null) ?? null,
          position: (r.position as string | null) ?? null,
          registrationId: m?.registration?.id ?? null,
          registrationStatus: m?.registration?.status ?? null,
          matchStatus: m?.status ?? RosterMatchStatus.Unmatched,
          candidate: m?.candidate ? candidateDto(this.cipher, keys[i], m.candidate) : null,
          createdAt: (fromDbDate(r.created_at) as Date).toISOString(),
        };
      }),
      nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
    };
  }
}
