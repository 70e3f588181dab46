import { ClaimStatus, RegistrationStatus, Role, type MeNextDto } from '@sbd/contracts';
import { nextStepFor } from './next-step';

const M = 60_000;
const start = Date.UTC(2026, 5, 1, 1, 0); // 2026-06-01 09:00 Beijing
const iso = (ms: number) => new Date(ms).toISOString();
const none: MeNextDto = {
  registration: null,
  nextService: null,
  claimToConfirm: null,
  needToRate: null,
  triage: null,
  hasCommunity: true,
};
const service = (status = ClaimStatus.Claimed) => ({
  claimId: 3,
  taskId: 9,
  title: '楼道灯维修',
  place: '3号楼',
  startAt: iso(start),
  endAt: iso(start + 120 * M),
  status,
  checkInOpensAt: iso(start - 30 * M),
});

describe('nextStepFor: members', () => {
  it('offers check-in once the window opens, and says when before', () => {
    const next = { ...none, nextService: service() };
    const before = nextStepFor(Role.Member, next, start - 31 * M);
    expect(before).toMatchObject({ kind: 'checkIn', canCheckIn: false, title: '下一次服务：楼道灯维修' });
    expect(before?.text).toMatch(/^还没到签到时间/);
    const open = nextStepFor(Role.BranchSecretary, next, start - 30 * M);
    expect(open).toMatchObject({ kind: 'checkIn', canCheckIn: true, text: '6月1日 09:00 · 3号楼', claimId: 3 });
  });

  it('asks to check out while checked in', () => {
    const step = nextStepFor(Role.Member, { ...none, nextService: service(ClaimStatus.CheckedIn) }, start);
    expect(step).toMatchObject({ kind: 'checkOut', taskId: 9 });
  });

  it('puts a waitlist place to confirm before the next service', () => {
    const claimToConfirm = { claimId: 5, taskId: 6, title: '助老', holdExpiresAt: iso(start) };
    const step = nextStepFor(Role.Member, { ...none, nextService: service(), claimToConfirm }, start - 60 * M);
    expect(step).toMatchObject({ kind: 'confirmClaim', title: '待确认：助老', claimId: 5 });
  });

  it('points to the task hall when nothing is planned', () => {
    expect(nextStepFor(Role.Member, none, start)?.kind).toBe('findTask');
  });
});

describe('nextStepFor: residents, staff and others', () => {
  it('says 报到审核中 for a pending registration, before anything else', () => {
    const registration = { status: RegistrationStatus.Pending, communityName: '桃园社区' };
    const needToRate = { needId: 1, title: '修灯', count: 1 };
    expect(nextStepFor(null, { ...none, registration, needToRate }, start)).toMatchObject({
      kind: 'registrationPending',
      title: '报到审核中',
    });
  });

  it('asks a resident to rate a fulfilled need, with the count', () => {
    const step = nextStepFor(Role.Resident, { ...none, needToRate: { needId: 4, title: '修灯', count: 2 } }, start);
    expect(step).toMatchObject({ kind: 'rateNeed', needId: 4, text: '服务已完成，请您评价（共2条待评价）' });
  });

  it('asks someone without a community to join one, else to post a need', () => {
    expect(nextStepFor(null, { ...none, hasCommunity: false }, start)?.kind).toBe('joinCommunity');
    expect(nextStepFor(Role.Resident, none, start)?.kind).toBe('postNeed');
  });

  it('says 待分拣 N for community staff', () => {
    const triage = { communityId: 2, communityName: '桃园社区', waiting: 3 };
    expect(nextStepFor(Role.CommunityAdmin, { ...none, triage }, start)).toMatchObject({
      kind: 'triage',
      title: '待分拣 3',
    });
    expect(nextStepFor(Role.CommunityAdmin, { ...none, triage: { ...triage, waiting: 0 } }, start)?.title).toBe(
      '待分拣 0',
    );
  });

  it('has nothing for roles whose work is elsewhere', () => {
    for (const role of [Role.UnitAdmin, Role.StreetAdmin, Role.DistrictAdmin, Role.PlatformAdmin])
      expect(nextStepFor(role, { ...none, needToRate: { needId: 1, title: 'x', count: 1 } }, start)).toBeNull();
  });
});
