import {
  MEMBER_FLAG_LABELS,
  RegistrationStatus,
  Role,
  RosterMatchStatus,
  type MeDto,
  type MemberFlag,
  type RosterEntryDto,
} from '@sbd/contracts';

export interface StatusView {
  label: '已报到' | '待核对' | '未报到';
  color: string;
  /** A short note: the registration is still awaiting approval, or why the entry is 待核对. */
  note: string | null;
}

/** The status a unit reads on its roster: 已报到 (matched, approved), 待核对, or 未报到. */
export function rosterStatus(e: RosterEntryDto): StatusView {
  if (e.matchStatus === RosterMatchStatus.Review)
    return { label: '待核对', color: 'gold', note: e.candidate ? e.candidate.reason : null };
  if (e.matchStatus === RosterMatchStatus.Matched && e.registrationStatus === RegistrationStatus.Approved)
    return { label: '已报到', color: 'green', note: null };
  if (e.matchStatus === RosterMatchStatus.Matched && e.registrationStatus === RegistrationStatus.Pending)
    return { label: '未报到', color: 'default', note: '报到待审核' };
  return { label: '未报到', color: 'default', note: null };
}

/** The flags of a member record in Chinese, or 无. */
export function flagsText(flags: MemberFlag[]): string {
  return flags.length ? flags.map((f) => MEMBER_FLAG_LABELS[f]).join('、') : '无';
}

/** satisfaction as a percentage, or — without ratings. */
export function satisfactionText(s: number | null): string {
  return s === null ? '—' : `${Math.round(s * 1000) / 10}%`;
}

/** Whether the user may upload this unit's roster (only its unit admins). */
export function canUpload(user: MeDto, unitId: number | null): boolean {
  return unitId !== null && user.roles.some((r) => r.role === Role.UnitAdmin && r.scopeNodeId === unitId);
}
