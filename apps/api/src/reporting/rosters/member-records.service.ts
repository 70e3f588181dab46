import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  HONOURS_MIN_HOURS,
  HONOURS_MIN_RATINGS,
  HONOURS_MIN_SATISFACTION,
  HONOURS_RULE,
  LOW_SATISFACTION_THRESHOLD,
  MemberFlag,
  NEGATIVE_LIST_MIN_NO_SHOWS,
  RosterMatchStatus,
  NO_SERVICE_FLAG_DAYS,
  SATISFIED_MIN_SCORE,
  type AnnualReportDto,
  type MemberRecordDto,
  type MemberRecordFilter,
  type MemberRecordsPage,
} from '@sbd/contracts';
import { maskPhone } from '@sbd/domain';
import { DataSource } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import type { NodeRef } from '../../platform/auth/scope.service';
import { FieldCipher } from '../../platform/crypto/field-cipher';
import { badRequest, notFound } from '../../platform/errors/app-errors';
import { fromDbDate, toDbDate } from '../../platform/database/sql';
import { dayKeyOf, yearPeriod } from '../stats/period';
import { ratio } from '../stats/stats-assemble';
import { idList, inSlices, num } from '../shared/report-sql';
import { registrationOnRosterSql } from '../shared/roster-match-sql';
import { UNIT_READERS } from '../stats/stats.service';
import { bestMatch, classifyEntries, type EntryMatch } from './roster-review';
import { RostersService } from './rosters.service';

const DAY_MS = 86_400_000;

interface EntryRow {
  id: number;
  rowNo: number;
  name: string;
  phoneEnc: string;
  phoneHash: string;
  idNumberHash: string | null;
  partyBranch: string | null;
  position: string | null;
}

interface RegRow {
  id: number;
  userId: number;
  communityId: number;
  status: string;
  name: string;
  phoneEnc: string;
  phoneHash: string;
  unitConfirmed: boolean;
  approvedAt: Date | null;
  workUnitId: number | null;
}

interface Figures {
  services: number;
  halfHours: number;
  backfillHalfHours: number;
  ratings: number;
  satisfied: number;
  noShows: number;
  points: number;
  lastServiceAt: Date | null;
}

const noFigures = (): Figures => ({
  services: 0,
  halfHours: 0,
  backfillHalfHours: 0,
  ratings: 0,
  satisfied: 0,
  noShows: 0,
  points: 0,
  lastServiceAt: null,
});

export interface RecordsQuery {
  flag?: MemberRecordFilter;
  year?: number;
  cursor?: string;
  limit?: number;
}

/** Order of the records: roster entries in file order, then registrations naming the unit that no entry matches. */
const rank = (key: string): [number, number] => [key.startsWith('e') ? 0 : 1, Number(key.slice(1))];
const after = (key: string, cursor: string) => {
  const [a, b] = [rank(key), rank(cursor)];
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
};

/**
 * 报回单位: the unit's view of each member — one row per roster entry, plus registrations naming
 * the unit that are not on its roster — with the year's services, hours, satisfaction, points and
 * the flags a unit acts on (约谈) and honours recommendations (评先评优).
 */
@Injectable()
export class MemberRecordsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: FieldCipher,
    private readonly rosters: RostersService,
  ) {}

  /** The filtered records, keyset-paginated on their key. */
  async page(p: Principal, unitId: number, q: RecordsQuery): Promise<MemberRecordsPage> {
    const { records, year } = await this.filtered(p, unitId, q);
    const limit = q.limit ?? 50;
    const rest = q.cursor ? records.filter((r) => after(r.key, q.cursor as string)) : records;
    const items = rest.slice(0, limit);
    return { items, nextCursor: rest.length > limit ? items[items.length - 1].key : null, year };
  }

  /** Every record the same filter lists, in the same order (the export). */
  async filtered(
    p: Principal,
    unitId: number,
    q: RecordsQuery,
  ): Promise<{ unit: NodeRef; records: MemberRecordDto[]; year: number }> {
    const unit = await this.rosters.unit(p, unitId, UNIT_READERS);
    const year = q.year ?? Math.floor(dayKeyOf(new Date()) / 10_000);
    const all = await this.records(unitId, year);
    const records = q.flag
      ? all.filter((r) => (q.flag === 'honours' ? r.honours : r.flags.includes(q.flag as MemberFlag)))
      : all;
    return { unit, records, year };
  }

  /** All records of the unit for a year. */
  async records(unitId: number, year: number, onlyUserId?: number): Promise<MemberRecordDto[]> {
    const entries: EntryRow[] = (
      await this.db.query(
        'SELECT id, row_no, name, phone_enc, phone_hash, id_number_hash, party_branch, position FROM unit_roster_entries WHERE unit_id = ? ORDER BY id ASC',
        [unitId],
      )
    ).map((r: Record<string, unknown>) => ({
      id: Number(r.id),
      rowNo: Number(r.row_no),
      name: String(r.name),
      phoneEnc: String(r.phone_enc),
      phoneHash: String(r.phone_hash),
      idNumberHash: (r.id_number_hash as string | null) ?? null,
      partyBranch: (r.party_branch as string | null) ?? null,
      position: (r.position as string | null) ?? null,
    }));
    const regCols =
      'r.id, r.user_id, r.community_id, r.status, r.name, r.phone_enc, r.phone_hash, r.unit_confirmed, r.approved_at, r.work_unit_id';
    const [naming, matching] = await Promise.all([
      this.db.query(`SELECT ${regCols} FROM registrations r WHERE r.work_unit_id = ? ORDER BY r.id ASC`, [unitId]),
      this.db.query(`SELECT ${regCols} FROM registrations r WHERE ${registrationOnRosterSql('r', unitId)}`),
    ]);
    const decisions: { phone_hash: string; name: string; registration_id: unknown }[] = await this.db.query(
      "SELECT phone_hash, name, registration_id FROM roster_match_decisions WHERE unit_id = ? AND decision = 'confirmed'",
      [unitId],
    );
    const regs = new Map<number, RegRow>();
    for (const r of [...naming, ...matching] as Record<string, unknown>[]) {
      regs.set(Number(r.id), {
        id: Number(r.id),
        userId: Number(r.user_id),
        communityId: Number(r.community_id),
        status: String(r.status),
        name: String(r.name),
        phoneEnc: String(r.phone_enc),
        phoneHash: String(r.phone_hash),
        unitConfirmed: !!Number(r.unit_confirmed),
        approvedAt: fromDbDate(r.approved_at),
        workUnitId: r.work_unit_id === null ? null : Number(r.work_unit_id),
      });
    }
    const byMatchKey = new Map<string, RegRow[]>();
    const link = (k: string, r: RegRow | undefined) => {
      if (r && !byMatchKey.get(k)?.includes(r)) byMatchKey.set(k, [...(byMatchKey.get(k) ?? []), r]);
    };
    for (const r of regs.values()) link(`${r.phoneHash}|${r.name}`, r);
    // A confirmed 待核对 pairing matches the entry as if phone and name were the same.
    for (const d of decisions) link(`${d.phone_hash}|${d.name}`, regs.get(Number(d.registration_id)));
    const pairs: { key: string; entry: EntryRow | null; reg: RegRow | null }[] = [];
    const represented = new Set<number>();
    for (const e of entries) {
      const reg = bestMatch(byMatchKey.get(`${e.phoneHash}|${e.name}`) ?? []);
      // Other registrations with the same phone and name (rare) are covered by the entry too.
      for (const r of byMatchKey.get(`${e.phoneHash}|${e.name}`) ?? []) represented.add(r.id);
      pairs.push({ key: `e${e.id}`, entry: e, reg });
    }
    for (const r of (naming as Record<string, unknown>[]).map((x) => regs.get(Number(x.id)) as RegRow)) {
      if (!represented.has(r.id)) pairs.push({ key: `r${r.id}`, entry: null, reg: r });
    }
    const wanted = onlyUserId === undefined ? pairs : pairs.filter((x) => x.reg?.userId === onlyUserId);
    // Entries nobody matched may have a 待核对 candidate (the roster review's own rule).
    const unmatched = wanted.flatMap((x) => (x.entry && !x.reg ? [{ ...x.entry, unitId }] : []));
    const review = unmatched.length ? await classifyEntries(this.db, unitId, unmatched) : new Map<number, EntryMatch>();

    const userIds = [...new Set(wanted.map((x) => x.reg?.userId).filter((u): u is number => u !== undefined))];
    const figures = await this.figures(userIds, year);
    const communityIds = [
      ...new Set(wanted.map((x) => x.reg?.communityId).filter((c): c is number => c !== undefined)),
    ];
    const names = new Map<number, string>();
    await inSlices(communityIds, 500, async (slice) => {
      for (const n of await this.db.query(`SELECT id, name FROM org_nodes WHERE id IN ${idList(slice)}`))
        names.set(Number(n.id), n.name);
    });

    const now = Date.now();
    const quietSince = now - NO_SERVICE_FLAG_DAYS * DAY_MS;
    return wanted.map(({ key, entry, reg }) => {
      const f = (reg && figures.get(reg.userId)) || noFigures();
      const approved = reg?.status === 'approved';
      const satisfaction = ratio(f.satisfied, f.ratings);
      const flags: MemberFlag[] = [];
      if (entry && !reg && review.get(entry.id)?.status === RosterMatchStatus.Review)
        flags.push(MemberFlag.PendingMatch);
      else if (entry && !approved) flags.push(MemberFlag.NotRegistered);
      if (
        approved &&
        reg.approvedAt &&
        reg.approvedAt.getTime() <= quietSince &&
        (!f.lastServiceAt || f.lastServiceAt.getTime() < quietSince)
      ) {
        flags.push(MemberFlag.NoServiceIn90Days);
      }
      if (f.ratings > 0 && f.satisfied / f.ratings < LOW_SATISFACTION_THRESHOLD) flags.push(MemberFlag.LowSatisfaction);
      if (f.noShows >= NEGATIVE_LIST_MIN_NO_SHOWS) flags.push(MemberFlag.NegativeList);
      const honours =
        approved &&
        !flags.length &&
        f.halfHours / 2 >= HONOURS_MIN_HOURS &&
        f.ratings >= HONOURS_MIN_RATINGS &&
        f.satisfied / f.ratings >= HONOURS_MIN_SATISFACTION;
      const phoneEnc = entry?.phoneEnc ?? reg?.phoneEnc;
      return {
        key,
        rosterEntryId: entry?.id ?? null,
        registrationId: reg?.id ?? null,
        userId: reg?.userId ?? null,
        name: entry?.name ?? reg?.name ?? '',
        phone: phoneEnc ? maskPhone(this.cipher.decrypt(phoneEnc)) : '',
        partyBranch: entry?.partyBranch ?? null,
        position: entry?.position ?? null,
        onRoster: !!entry,
        registrationStatus: reg?.status ?? null,
        communityId: reg?.communityId ?? null,
        communityName: reg ? (names.get(reg.communityId) ?? null) : null,
        unitConfirmed: !!reg?.unitConfirmed,
        year,
        services: f.services,
        verifiedHours: f.halfHours / 2,
        backfilledHours: f.backfillHalfHours / 2,
        ratings: f.ratings,
        satisfiedRatings: f.satisfied,
        satisfaction,
        noShows: f.noShows,
        points: f.points,
        lastServiceAt: f.lastServiceAt?.toISOString() ?? null,
        flags,
        honours,
      };
    });
  }

  /** The year's figures of each member, a few grouped queries per 500 members. */
  private async figures(userIds: number[], year: number): Promise<Map<number, Figures>> {
    const out = new Map<number, Figures>();
    const at = (u: unknown) => {
      const id = Number(u);
      let f = out.get(id);
      if (!f) out.set(id, (f = noFigures()));
      return f;
    };
    const { from, to } = yearPeriod(year);
    const range = [toDbDate(from), toDbDate(to)];
    await inSlices(userIds, 500, async (slice) => {
      const ids = idList(slice);
      const [claims, last, backfills, ratings, noShows, points] = (await Promise.all([
        this.db.query(
          `SELECT member_user_id AS u, COUNT(*) AS n, COALESCE(SUM(credit_half_hours), 0) AS half FROM claims
            WHERE member_user_id IN ${ids} AND status = 'verified' AND verified_at >= ? AND verified_at < ? GROUP BY member_user_id`,
          range,
        ),
        this.db.query(
          `SELECT member_user_id AS u, MAX(verified_at) AS at FROM claims WHERE member_user_id IN ${ids} AND status = 'verified' GROUP BY member_user_id`,
        ),
        this.db.query(
          `SELECT member_user_id AS u, COALESCE(SUM(half_hours), 0) AS half FROM backfills
            WHERE member_user_id IN ${ids} AND created_at >= ? AND created_at < ? GROUP BY member_user_id`,
          range,
        ),
        this.db.query(
          `SELECT member_user_id AS u, COUNT(*) AS n, SUM(CASE WHEN score >= ${SATISFIED_MIN_SCORE} THEN 1 ELSE 0 END) AS ok FROM ratings
            WHERE member_user_id IN ${ids} AND kind = 'community' AND created_at >= ? AND created_at < ? GROUP BY member_user_id`,
          range,
        ),
        this.db.query(
          `SELECT member_user_id AS u, COUNT(*) AS n FROM claims
            WHERE member_user_id IN ${ids} AND status = 'no_show' AND starts_at >= ? AND starts_at < ? GROUP BY member_user_id`,
          range,
        ),
        this.db.query(
          `SELECT member_user_id AS u, COALESCE(SUM(delta), 0) AS n FROM points_ledger WHERE member_user_id IN ${ids} GROUP BY member_user_id`,
        ),
      ])) as Record<string, unknown>[][];
      for (const r of claims) Object.assign(at(r.u), { services: num(r.n), halfHours: num(r.half) });
      for (const r of last) at(r.u).lastServiceAt = fromDbDate(r.at);
      for (const r of backfills) at(r.u).backfillHalfHours = num(r.half);
      for (const r of ratings) Object.assign(at(r.u), { ratings: num(r.n), satisfied: num(r.ok) });
      for (const r of noShows) at(r.u).noShows = num(r.n);
      for (const r of points) at(r.u).points = num(r.n);
    });
    return out;
  }

  /** 民主评议 annual report of one member of the unit. */
  async annualReport(p: Principal, unitId: number, userId: number, year: number | undefined): Promise<AnnualReportDto> {
    const unit = await this.rosters.unit(p, unitId, UNIT_READERS);
    const y = year ?? Math.floor(dayKeyOf(new Date()) / 10_000);
    if (y < 2000 || y > 2999) throw badRequest('年份无效', 'year');
    const [record] = await this.records(unitId, y, userId);
    if (!record) throw notFound('该党员不在本单位的名册或报到记录中');
    const { from, to } = yearPeriod(y);
    const range = [toDbDate(from), toDbDate(to)];
    const [services, backfills, points] = (await Promise.all([
      this.db.query(
        `SELECT c.id AS claim_id, c.task_id, t.title, n.name AS community_name, c.starts_at, c.verified_at, c.credit_half_hours, g.score, g.comment
           FROM claims c JOIN tasks t ON t.id = c.task_id JOIN org_nodes n ON n.id = t.community_id
           LEFT JOIN ratings g ON g.claim_id = c.id AND g.kind = 'community'
          WHERE c.member_user_id = ? AND c.status = 'verified' AND c.verified_at >= ? AND c.verified_at < ?
          ORDER BY c.verified_at ASC, c.id ASC`,
        [userId, ...range],
      ),
      this.db.query(
        'SELECT half_hours, reason, created_at FROM backfills WHERE member_user_id = ? AND created_at >= ? AND created_at < ? ORDER BY id ASC',
        [userId, ...range],
      ),
      this.db.query(
        'SELECT COALESCE(SUM(delta), 0) AS n FROM points_ledger WHERE member_user_id = ? AND created_at >= ? AND created_at < ?',
        [userId, ...range],
      ),
    ])) as Record<string, unknown>[][];
    return {
      year: y,
      unitId,
      unitName: unit.name,
      record,
      services: services.map((s) => ({
        claimId: Number(s.claim_id),
        taskId: Number(s.task_id),
        taskTitle: String(s.title),
        communityName: String(s.community_name),
        startsAt: (fromDbDate(s.starts_at) as Date).toISOString(),
        verifiedAt: fromDbDate(s.verified_at)?.toISOString() ?? null,
        hours: num(s.credit_half_hours) / 2,
        score: s.score === null || s.score === undefined ? null : Number(s.score),
        comment: (s.comment as string | null) ?? null,
      })),
      backfills: backfills.map((b) => ({
        hours: num(b.half_hours) / 2,
        reason: String(b.reason),
        createdAt: (fromDbDate(b.created_at) as Date).toISOString(),
      })),
      pointsThisYear: num(points[0]?.n),
      generatedAt: new Date().toISOString(),
      honoursRule: HONOURS_RULE,
    };
  }
}
