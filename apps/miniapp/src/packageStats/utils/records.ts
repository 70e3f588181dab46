import {
  MEMBER_FLAG_LABELS,
  MemberFlag,
  RegistrationStatus,
  type MemberRecordDto,
  type MemberRecordFilter,
} from '@sbd/contracts';
import type { Tone } from '@/features/loop/loop';
import { formatHoursValue, formatRate } from './figures';

/** The unit's member records (报回单位): filter chips and how one record reads. */

export type RecordsFilter = MemberRecordFilter | 'all';

export const RECORD_FILTERS: { value: RecordsFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: MemberFlag.NotRegistered, label: '未报到' },
  { value: MemberFlag.PendingMatch, label: '待核对' },
  { value: MemberFlag.NoServiceIn90Days, label: '90天未服务' },
  { value: MemberFlag.LowSatisfaction, label: '满意率低' },
  { value: MemberFlag.NegativeList, label: '负面清单' },
  { value: 'honours', label: '评先评优' },
];

export function filterParam(f: RecordsFilter): MemberRecordFilter | null {
  return f === 'all' ? null : f;
}

export interface StatusBadge {
  text: string;
  tone: Tone;
}

/** Where the member's registration stands, in words. */
export function registrationBadge(r: Pick<MemberRecordDto, 'registrationStatus' | 'onRoster'>): StatusBadge {
  if (r.registrationStatus === RegistrationStatus.Approved) return { text: '已报到', tone: 'approved' };
  if (r.registrationStatus === RegistrationStatus.Pending) return { text: '报到待审核', tone: 'pending' };
  if (r.registrationStatus === RegistrationStatus.Rejected) return { text: '报到未通过', tone: 'rejected' };
  return { text: '未报到', tone: 'rejected' };
}

/** Flags (约谈预警) and honours as badges, in words; not repeating the registration badge ("未报到"). */
export function recordBadges(
  r: Pick<MemberRecordDto, 'flags' | 'honours' | 'onRoster' | 'registrationStatus'>,
): StatusBadge[] {
  const shown = registrationBadge(r).text;
  const out: StatusBadge[] = r.flags.map((f) => ({ text: MEMBER_FLAG_LABELS[f] ?? f, tone: 'rejected' as Tone }));
  if (r.honours) out.push({ text: '推荐评先评优', tone: 'approved' });
  if (!r.onRoster) out.push({ text: '不在单位名册', tone: 'neutral' });
  return out.filter((b) => b.text !== shown);
}

/** The year's figures of a record, each "label：value". */
export function recordFigures(r: MemberRecordDto): string[] {
  return [
    `服务：${r.services}次`,
    `核验时长：${formatHoursValue(r.verifiedHours)}小时`,
    `补录时长：${formatHoursValue(r.backfilledHours)}小时`,
    `满意率：${r.satisfaction === null ? '暂无评价' : `${formatRate(r.satisfaction)}（${r.ratings}次）`}`,
    `缺席：${r.noShows}次`,
    `积分：${r.points}`,
  ];
}

/** This year and the two before it (Asia/Shanghai). */
export function recordYears(now: Date = new Date()): { value: number; label: string }[] {
  const y = new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
  return [y, y - 1, y - 2].map((v, i) => ({ value: v, label: i === 0 ? `${v}年（今年）` : `${v}年` }));
}
