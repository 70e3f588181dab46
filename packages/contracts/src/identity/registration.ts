import type { PageQuery } from '../platform/errors';

export enum RegistrationStatus {
  Pending = 'pending',
  Approved = 'approved',
  Rejected = 'rejected',
}

export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  [RegistrationStatus.Pending]: '待审核',
  [RegistrationStatus.Approved]: '已通过',
  [RegistrationStatus.Rejected]: '未通过',
};

export enum Weekday {
  Mon = 1,
  Tue = 2,
  Wed = 3,
  Thu = 4,
  Fri = 5,
  Sat = 6,
  Sun = 7,
}

export enum DayPeriod {
  Morning = 'morning',
  Afternoon = 'afternoon',
  Evening = 'evening',
}

export const DAY_PERIOD_LABELS: Record<DayPeriod, string> = {
  [DayPeriod.Morning]: '上午',
  [DayPeriod.Afternoon]: '下午',
  [DayPeriod.Evening]: '晚上',
};

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  [Weekday.Mon]: '周一',
  [Weekday.Tue]: '周二',
  [Weekday.Wed]: '周三',
  [Weekday.Thu]: '周四',
  [Weekday.Fri]: '周五',
  [Weekday.Sat]: '周六',
  [Weekday.Sun]: '周日',
};

export interface FreeTimeSlot {
  weekday: Weekday;
  period: DayPeriod;
}

export const MAX_SKILLS = 10;
export const MAX_SKILL_LENGTH = 20;

/** Fields a member fills in once (DOMAIN §4). */
export interface SubmitRegistrationRequest {
  communityCode: string;
  name: string;
  phone: string;
  idNumber?: string;
  /** A work unit of the org tree, or its name when it is not listed. */
  workUnitId?: number;
  workUnitName?: string;
  unitPartyOrgName: string;
  buildingId?: number;
  residenceDetail: string;
  skills: string[];
  freeTime: FreeTimeSlot[];
  positionIds: number[];
  /** Version of the privacy notice the member consented to. */
  consentVersion: string;
}

export interface UpdateProfileRequest {
  skills?: string[];
  freeTime?: FreeTimeSlot[];
  positionIds?: number[];
  buildingId?: number;
  residenceDetail?: string;
}

/** POST /api/registrations/:id/work-unit: link the hand-typed unit name to a unit of the tree (归并). */
export interface LinkWorkUnitRequest {
  workUnitId: number;
}

export interface ApproveRegistrationRequest {
  branchId?: number;
  groupId?: number;
  gridId?: number;
}

export interface RejectRegistrationRequest {
  reason: string;
}

export interface RegistrationDto {
  id: number;
  userId: number;
  status: RegistrationStatus;
  communityId: number;
  communityName: string;
  name: string;
  /** Masked (138****1234) unless the reader is the owner. */
  phone: string;
  idNumber: string | null;
  workUnitId: number | null;
  workUnitName: string;
  unitPartyOrgName: string;
  buildingId: number | null;
  buildingName: string | null;
  residenceDetail: string;
  skills: string[];
  freeTime: FreeTimeSlot[];
  positions: { id: number; name: string }[];
  branchId: number | null;
  branchName: string | null;
  groupId: number | null;
  groupName: string | null;
  gridId: number | null;
  gridName: string | null;
  rejectReason: string | null;
  consentVersion: string;
  submittedAt: string;
  reviewedAt: string | null;
  unitConfirmed: boolean;
}

export interface ECardDto {
  cardNo: string;
  name: string;
  communityName: string;
  branchName: string | null;
  groupName: string | null;
  workUnitName: string;
  positions: string[];
  approvedAt: string;
  /** URL that verifies the card (encoded in the card's QR code). */
  verifyUrl: string;
}

/** How long one live e-card code is shown before the card page fetches the next one. */
export const LIVE_CARD_CODE_SECONDS = 30;

/** The e-card's live code (亮身份): signed, valid for about a minute, so a screenshot soon stops working. */
export interface LiveCardCodeDto {
  /** What the QR encodes and what staff scan (or type). */
  code: string;
  /** The code's QR as a PNG data URL. */
  qrDataUrl: string;
  /** After this the code is refused. */
  expiresAt: string;
  /** When the card page should fetch the next code. */
  refreshInSeconds: number;
}

/** What staff see when they scan a member's live e-card: the verified identity and standing. */
export interface LiveCardCheckDto {
  /** Approved, not withdrawn, account not deleted. */
  valid: boolean;
  status: RegistrationStatus;
  cardNo: string;
  name: string;
  /** The phone the member verified to register (masked for staff, e.g. 138****0001). */
  phone: string;
  communityName: string;
  branchName: string | null;
  workUnitName: string;
  positions: string[];
  approvedAt: string | null;
}

export interface CardVerificationDto {
  valid: boolean;
  /** Name with the given name masked, e.g. 张*明. */
  name: string;
  communityName: string;
  status: RegistrationStatus;
}

/** A member of a functional branch, as its secretary sees them (phone masked). */
export interface BranchMemberDto {
  userId: number;
  name: string;
  phone: string;
  positions: string[];
}

/** GET /api/communities/:id/registrations, /api/units/:id/members */
export interface RegistrationListQuery extends PageQuery {
  status?: RegistrationStatus;
}

/** GET /api/communities/:id/registrations/export.xlsx: the list's filters, every row. */
export type RegistrationExportQuery = Omit<RegistrationListQuery, 'cursor' | 'limit'>;
