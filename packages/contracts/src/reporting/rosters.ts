/* ───────────────────────── 报回单位: unit rosters, member records, statistics ───────────────────────── */
// Plain types, enums and constants only. Definitions of every figure: DOMAIN §6–§7 and the
// descriptions of GET /api/stats/nodes/:id in the API docs.

import type { PageQuery } from '../platform/errors';
import type { RosterCandidateDto, RosterMatchStatus, RosterReviewRow } from './roster-review';

/* ─────────────── unit rosters (单位党员名册) ─────────────── */

/** The roster template's header row, exactly, in this order. */
export const ROSTER_COLUMNS = ['姓名', '手机号', '党支部', '职务'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];
/** Columns that must be filled in on every row. */
export const ROSTER_REQUIRED_COLUMNS: readonly RosterColumn[] = ['姓名', '手机号'];

export const ROSTER_MAX_BYTES = 5 * 1024 * 1024;
/** Data rows (the header not counted). */
export const ROSTER_MAX_ROWS = 20_000;
export const ROSTER_NAME_MAX = 50;
export const ROSTER_BRANCH_MAX = 100;
export const ROSTER_POSITION_MAX = 50;

/** One problem in an uploaded roster: the spreadsheet row and column. */
export interface RosterRowError {
  /** Spreadsheet row: 1 is the header, data starts at 2; 0 means the file as a whole. */
  row: number;
  /** The Chinese column header, or '' for a problem with the whole row or file. */
  column: string;
  message: string;
}

/** The answer of a roster upload (also the `report` of a refused one). */
export interface RosterImportReport {
  /** Entries written (0 when the upload was refused). */
  imported: number;
  /** Data rows in the file. */
  total: number;
  /** Rows that passed every check. */
  valid: number;
  errors: RosterRowError[];
  /** Imported entries matched to a registered member (same phone and name); those registrations are marked unit-confirmed. */
  matched: number;
  /** Imported entries awaiting the staff's decision (待核对), with their candidate member. */
  review: number;
  reviews: RosterReviewRow[];
}

/** Body of the 400 answer when the roster has errors and `confirmValidOnly` was not given. */
export interface RosterRefusal {
  code: 'VALIDATION_FAILED';
  /** 名册有N处错误，未导入任何数据 */
  message: string;
  details: { field: string; message: string }[];
  report: RosterImportReport;
}

export interface RosterEntryDto {
  id: number;
  unitId: number;
  /** Row of the uploaded file the entry came from. */
  rowNo: number;
  name: string;
  /** Always masked. */
  phone: string;
  partyBranch: string | null;
  position: string | null;
  /** ID number (optional column), always masked; null when not given. */
  idNumber: string | null;
  /** The matched registration (same phone and name, or confirmed), whatever its status; null when none. */
  registrationId: number | null;
  registrationStatus: string | null;
  matchStatus: RosterMatchStatus;
  /** The member a 待核对 entry may be; null otherwise. */
  candidate: RosterCandidateDto | null;
  createdAt: string;
}

/* ─────────────── flags and honours (约谈 / 评先评优) ─────────────── */

export enum MemberFlag {
  /** On the unit's roster, but no approved registration with the same phone and name. */
  NotRegistered = 'not_registered',
  /**
   * On the unit's roster with a registration that differs only in the name (a homophone or variant
   * character) or that shares the ID number (待核对): not counted until the unit's staff confirm it.
   * Replaces NotRegistered on that entry.
   */
  PendingMatch = 'pending_match',
  /** Registered (approved) but no verified service in the last 90 days. */
  NoServiceIn90Days = 'no_service_90_days',
  /** Satisfaction this year below LOW_SATISFACTION_THRESHOLD (0.7), with at least one rating. */
  LowSatisfaction = 'low_satisfaction',
  /** On the negative list (负面清单): at least NEGATIVE_LIST_MIN_NO_SHOWS no-shows this year. */
  NegativeList = 'negative_list',
}

export const MEMBER_FLAG_LABELS: Record<MemberFlag, string> = {
  [MemberFlag.NotRegistered]: '未报到',
  [MemberFlag.PendingMatch]: '待核对',
  [MemberFlag.NoServiceIn90Days]: '90天内无服务',
  [MemberFlag.LowSatisfaction]: '满意率低于70%',
  [MemberFlag.NegativeList]: '负面清单（多次缺席）',
};

/** Days without a verified service that raise MemberFlag.NoServiceIn90Days. */
export const NO_SERVICE_FLAG_DAYS = 90;
/** No-shows in the calendar year (Asia/Shanghai) that put a member on the negative list. */
export const NEGATIVE_LIST_MIN_NO_SHOWS = 2;
/**
 * Honours (评先评优) recommendation, per calendar year: at least HONOURS_MIN_HOURS verified hours,
 * satisfaction at least HONOURS_MIN_SATISFACTION over at least HONOURS_MIN_RATINGS ratings,
 * and no flag at all.
 */
export const HONOURS_MIN_HOURS = 20;
export const HONOURS_MIN_SATISFACTION = 0.95;
export const HONOURS_MIN_RATINGS = 3;
export const HONOURS_RULE =
  '年度核验服务时长不少于20小时、满意率不低于95%（至少3次评价）且无任何预警标记的党员，推荐评先评优';

/** Filter of the unit's member records: one flag, or the honours recommendations. */
export type MemberRecordFilter = MemberFlag | 'honours';

/** The unit's view of one member (报回单位): a roster entry, a registration naming the unit, or both. */
export interface MemberRecordDto {
  /** Stable key: "e<entryId>" for roster entries, "r<registrationId>" for registrations not on the roster. */
  key: string;
  rosterEntryId: number | null;
  registrationId: number | null;
  userId: number | null;
  name: string;
  /** Always masked. */
  phone: string;
  partyBranch: string | null;
  position: string | null;
  onRoster: boolean;
  registrationStatus: string | null;
  communityId: number | null;
  communityName: string | null;
  unitConfirmed: boolean;
  /** Figures of the calendar year `year` (Asia/Shanghai). */
  year: number;
  services: number;
  verifiedHours: number;
  backfilledHours: number;
  ratings: number;
  satisfiedRatings: number;
  /** satisfiedRatings ÷ ratings; null without ratings. */
  satisfaction: number | null;
  noShows: number;
  /** Balance of the points ledger (all time). */
  points: number;
  lastServiceAt: string | null;
  flags: MemberFlag[];
  honours: boolean;
}

export interface MemberRecordsPage {
  items: MemberRecordDto[];
  nextCursor: string | null;
  year: number;
}

/** 民主评议 annual report of one member. */
export interface AnnualReportDto {
  year: number;
  unitId: number;
  unitName: string;
  record: MemberRecordDto;
  /** Verified services of the year, oldest first. */
  services: {
    claimId: number;
    taskId: number;
    taskTitle: string;
    communityName: string;
    startsAt: string;
    verifiedAt: string | null;
    hours: number;
    score: number | null;
    comment: string | null;
  }[];
  backfills: { hours: number; reason: string; createdAt: string }[];
  pointsThisYear: number;
  generatedAt: string;
  honoursRule: string;
}

/** POST /api/units/:id/roster (multipart): `confirmValidOnly=true` imports the valid rows of a file with errors. */
export interface RosterUploadQuery {
  confirmValidOnly?: string;
}

/** GET /api/units/:id/roster */
export type RosterListQuery = PageQuery;

/** GET /api/units/:id/member-records/export.xlsx */
export interface MemberRecordsExportQuery {
  flag?: MemberRecordFilter;
  year?: number;
}

/** GET /api/units/:id/member-records */
export interface MemberRecordsListQuery extends MemberRecordsExportQuery, PageQuery {}

/** GET /api/units/:id/members/:userId/annual-report(.xlsx|.html) */
export interface ReportYearQuery {
  year?: number;
}
