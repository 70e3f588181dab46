import { ClaimStatus, RegistrationStatus, Role, type MeNextDto } from '@sbd/contracts';
import { whyCannotCheckIn } from './service-times';
import { chinaMonthDayTime, type Instant } from './time';

/** What the home page puts first for the role the user acts as; the app maps `kind` to a button. */
export type NextStep =
  | { kind: 'confirmClaim'; title: string; text: string; claimId: number; taskId: number }
  | { kind: 'checkIn'; title: string; text: string; claimId: number; taskId: number; canCheckIn: boolean }
  | { kind: 'checkOut'; title: string; text: string; claimId: number; taskId: number }
  | { kind: 'rateNeed'; title: string; text: string; needId: number }
  | { kind: 'registrationPending'; title: string; text: string }
  | { kind: 'triage'; title: string; text: string; communityId: number; waiting: number }
  | { kind: 'joinCommunity'; title: string; text: string }
  | { kind: 'postNeed'; title: string; text: string }
  | { kind: 'findTask'; title: string; text: string };

const MEMBER_ROLES: readonly Role[] = [Role.Member, Role.BranchSecretary];

function memberStep(next: MeNextDto, now: Instant): NextStep {
  const c = next.claimToConfirm;
  if (c) {
    const text = `候补到名额，请在${chinaMonthDayTime(Date.parse(c.holdExpiresAt))}前确认参加`;
    return { kind: 'confirmClaim', title: `待确认：${c.title}`, text, claimId: c.claimId, taskId: c.taskId };
  }
  const s = next.nextService;
  if (s) {
    const ids = { claimId: s.claimId, taskId: s.taskId };
    if (s.status === ClaimStatus.CheckedIn) {
      return { kind: 'checkOut', title: `服务中：${s.title}`, text: '服务结束后请签退', ...ids };
    }
    const [start, end, opens] = [Date.parse(s.startAt), Date.parse(s.endAt), Date.parse(s.checkInOpensAt)];
    const early = Number.isFinite(opens) ? Math.max(0, Math.round((start - opens) / 60_000)) : undefined;
    const blocked = whyCannotCheckIn(now, { start, end }, early);
    const when = `${chinaMonthDayTime(start)} · ${s.place}`;
    return { kind: 'checkIn', title: `下一次服务：${s.title}`, text: blocked ?? when, canCheckIn: !blocked, ...ids };
  }
  return { kind: 'findTask', title: '暂无待参加的服务', text: '去任务大厅看看本社区需要什么帮助' };
}

/**
 * The one thing the home page says comes next for `role` (the role the user acts as; null: none),
 * from GET /api/me/next, in this order — members: a waitlist place to confirm, the next service
 * (check in / check out); community staff: needs waiting for triage (待分拣 N); everyone else: a
 * pending registration (报到审核中), a fulfilled need to rate, no community yet (加入社区), else
 * post a need. Null for roles whose work is elsewhere (unit, street, district, platform).
 */
export function nextStepFor(role: Role | null, next: MeNextDto, now: Instant): NextStep | null {
  if (role && MEMBER_ROLES.includes(role)) return memberStep(next, now);
  if (role === Role.CommunityAdmin) {
    const t = next.triage;
    if (!t) return null;
    const text = t.waiting ? `${t.communityName}有居民需求等待受理` : `${t.communityName}暂无待分拣的需求`;
    return { kind: 'triage', title: `待分拣 ${t.waiting}`, text, communityId: t.communityId, waiting: t.waiting };
  }
  if (role && role !== Role.Resident) return null;
  if (next.registration?.status === RegistrationStatus.Pending) {
    const text = `${next.registration.communityName}正在审核您的报到申请，通过后即可接单`;
    return { kind: 'registrationPending', title: '报到审核中', text };
  }
  const r = next.needToRate;
  if (r) {
    const more = r.count > 1 ? `（共${r.count}条待评价）` : '';
    return { kind: 'rateNeed', title: `待评价：${r.title}`, text: `服务已完成，请您评价${more}`, needId: r.needId };
  }
  if (!next.hasCommunity) {
    return { kind: 'joinCommunity', title: '加入您的社区', text: '输入社区编码或选择附近的社区，即可点单求助' };
  }
  return { kind: 'postNeed', title: '有困难，找社区', text: '说出您的需求，党员志愿者上门服务' };
}
