/**
 * The service loop of DOMAIN §5: 居民点单 → 社区下单 → 党员接单 → 活动评单,
 * plus hours, points and ratings (§6) and emergency call-ups (应急式).
 *
 * Plain enums, Chinese labels, constants and request/response shapes only. The transition
 * rules live in `@sbd/domain` (loop/*-machine.ts); dates travel as ISO 8601 strings.
 */

import type { PageQuery } from '../platform/errors';

/* ───────────────────────────── 点单: needs ───────────────────────────── */

export enum NeedStatus {
  /** Content check could not pass it automatically: waits for staff review, not public. */
  Held = 'held',
  Submitted = 'submitted',
  Accepted = 'accepted',
  Rejected = 'rejected',
  /** Folded into another need about the same thing (`mergedIntoId`). */
  Merged = 'merged',
  Withdrawn = 'withdrawn',
  Fulfilled = 'fulfilled',
  Rated = 'rated',
}

export const NEED_STATUS_LABELS: Record<NeedStatus, string> = {
  [NeedStatus.Held]: '待审核',
  [NeedStatus.Submitted]: '待受理',
  [NeedStatus.Accepted]: '已受理',
  [NeedStatus.Rejected]: '未受理',
  [NeedStatus.Merged]: '已合并',
  [NeedStatus.Withdrawn]: '已撤回',
  [NeedStatus.Fulfilled]: '已办结',
  [NeedStatus.Rated]: '已评价',
};

export enum NeedAction {
  /** Staff review of a held need passes it: it becomes public and waits for triage. */
  Release = 'release',
  Accept = 'accept',
  Reject = 'reject',
  Merge = 'merge',
  Withdraw = 'withdraw',
  Fulfil = 'fulfil',
  Rate = 'rate',
  /** The resident says "没解决": the need goes back to accepted. */
  Reopen = 'reopen',
}

export const NEED_ACTION_LABELS: Record<NeedAction, string> = {
  [NeedAction.Release]: '审核通过',
  [NeedAction.Accept]: '受理',
  [NeedAction.Reject]: '驳回',
  [NeedAction.Merge]: '合并',
  [NeedAction.Withdraw]: '撤回',
  [NeedAction.Fulfil]: '办结',
  [NeedAction.Rate]: '评价',
  [NeedAction.Reopen]: '重新办理',
};

export enum NeedCategory {
  Repair = 'repair',
  Elderly = 'elderly',
  Health = 'health',
  Legal = 'legal',
  Environment = 'environment',
  Safety = 'safety',
  Culture = 'culture',
  Policy = 'policy',
  Education = 'education',
  Other = 'other',
}

export const NEED_CATEGORY_LABELS: Record<NeedCategory, string> = {
  [NeedCategory.Repair]: '维修服务',
  [NeedCategory.Elderly]: '助老助残',
  [NeedCategory.Health]: '医疗健康',
  [NeedCategory.Legal]: '法律咨询',
  [NeedCategory.Environment]: '环境卫生',
  [NeedCategory.Safety]: '平安建设',
  [NeedCategory.Culture]: '文体活动',
  [NeedCategory.Policy]: '政策咨询',
  [NeedCategory.Education]: '教育辅导',
  [NeedCategory.Other]: '其他',
};

export const NEED_TITLE_MAX = 50;
export const NEED_DESCRIPTION_MAX = 500;
export const NEED_MAX_PHOTOS = 3;
export const NEED_REASON_MAX = 200;
export const RATING_COMMENT_MAX = 300;
/** Likely duplicates ("同一件事 +1") are looked for among needs this recent. */
export const DUPLICATE_WINDOW_DAYS = 14;
/** Bigram Jaccard similarity (after normalisation, see domain `similarity`) from which two needs look alike. */
export const DUPLICATE_SIMILARITY_THRESHOLD = 0.35;

export interface CreateNeedRequest {
  communityId: number;
  category: NeedCategory;
  /** ≤ NEED_TITLE_MAX characters. */
  title: string;
  /** ≤ NEED_DESCRIPTION_MAX characters. */
  description: string;
  buildingId?: number;
  /** Where exactly (room, spot); free text. */
  place?: string;
  latitude?: number;
  longitude?: number;
  /** When the resident wants it done (ISO), if it matters. */
  expectedAt?: string;
  /** ≤ NEED_MAX_PHOTOS uploaded file URLs or ids. */
  photos?: string[];
  contactPhone?: string;
  /** 代点单: staff post for a resident who is not online. */
  onBehalfOf?: { name: string; phone?: string };
}

/** Ask, before posting, which open needs look like the same thing. */
export interface NeedDuplicateCheckRequest {
  communityId: number;
  category: NeedCategory;
  title: string;
  description?: string;
  buildingId?: number;
}

export interface NeedDuplicateSuggestionDto {
  id: number;
  title: string;
  category: NeedCategory;
  buildingName: string | null;
  status: NeedStatus;
  createdAt: string;
  /** 0..1 */
  similarity: number;
  plusOneCount: number;
}

export interface ReleaseNeedRequest {
  note?: string;
}

export interface AcceptNeedRequest {
  note?: string;
}

export interface RejectNeedRequest {
  reason: string;
}

export interface MergeNeedRequest {
  /** The need this one is the same thing as. */
  targetNeedId: number;
  note?: string;
}

export interface WithdrawNeedRequest {
  reason?: string;
}

export interface FulfilNeedRequest {
  note?: string;
}

/** 评单 by the resident who asked. `resolved: false` ("没解决") reopens the need. */
export interface RateNeedRequest {
  /** 1–5 */
  score: number;
  comment?: string;
  resolved: boolean;
}

/** GET /api/needs/mine */
export interface MyNeedListQuery extends PageQuery {
  status?: NeedStatus;
}

/** GET /api/communities/:id/needs */
export interface NeedListQuery extends MyNeedListQuery {
  category?: NeedCategory;
  buildingId?: number;
}

/** GET /api/communities/:id/needs/export.xlsx: the list's filters, every row. */
export type NeedExportQuery = Omit<NeedListQuery, 'cursor' | 'limit'>;

export const SUMMARY_PERIODS = ['day', 'week', 'month'] as const;
/** 日汇总 / 周研判 / 月总结. */
export type SummaryPeriod = (typeof SUMMARY_PERIODS)[number];

/** GET /api/communities/:id/needs/summary */
export interface NeedPeriodQuery {
  period: SummaryPeriod;
  /** A day inside the period (Asia/Shanghai), YYYY-MM-DD; default today. */
  date?: string;
}

/** A need waiting for the community for too long, in a summary. */
export interface OverdueNeedDto {
  id: number;
  title: string;
  category: NeedCategory;
  status: NeedStatus;
  buildingId: number | null;
  createdAt: string;
  /** Whole hours since it was posted. */
  hoursWaiting: number;
}

/** 日汇总 / 周研判 / 月总结 of one community's needs. */
export interface NeedSummaryDto {
  communityId: number;
  period: SummaryPeriod;
  /** The day asked about (Asia/Shanghai), YYYY-MM-DD. */
  date: string;
  /** Start of the period (inclusive), ISO. */
  from: string;
  /** End of the period (exclusive), ISO. */
  to: string;
  /** Needs posted in the period. */
  total: number;
  /** Needs posted in the period, by category (every category present, zeros included). */
  byCategory: Record<NeedCategory, number>;
  /** Needs posted in the period, by their current status (every status present). */
  byStatus: Record<NeedStatus, number>;
  /** Needs waiting for the community (held or submitted) for more than 48 hours, now. */
  overdueCount: number;
  overdue: OverdueNeedDto[];
}

/** POST /api/needs/:id/plus-one ("同一件事 +1"). */
export interface PlusOneResultDto {
  needId: number;
  plusOneCount: number;
  /** False when the caller had already said +1 (nothing changed). */
  added: boolean;
}

export interface NeedDto {
  id: number;
  communityId: number;
  communityName: string;
  category: NeedCategory;
  title: string;
  description: string;
  buildingId: number | null;
  buildingName: string | null;
  place: string | null;
  latitude: number | null;
  longitude: number | null;
  expectedAt: string | null;
  photos: string[];
  status: NeedStatus;
  /** The resident the need is for; masked (张*) unless the reader is staff or the owner. */
  requesterName: string;
  /** Masked unless the reader is staff or the owner. */
  contactPhone: string | null;
  /** True when staff posted it for the resident (代点单). */
  onBehalf: boolean;
  createdByUserId: number;
  rejectReason: string | null;
  mergedIntoId: number | null;
  /** How many residents said "同一件事 +1". */
  plusOneCount: number;
  /** Tasks published for this need. */
  taskIds: number[];
  /** When the latest of those tasks ends (ISO; null without tasks): the resident rates after it. */
  serviceEndsAt: string | null;
  rating: NeedRatingDto | null;
  /** How many times "没解决" sent it back. */
  reopenCount: number;
  createdAt: string;
  acceptedAt: string | null;
  fulfilledAt: string | null;
  ratedAt: string | null;
  /** What the reader may do now (state machine ∩ role), for the buttons. */
  allowedActions: NeedAction[];
}

export interface NeedRatingDto {
  score: number;
  comment: string | null;
  resolved: boolean;
  ratedAt: string;
}
