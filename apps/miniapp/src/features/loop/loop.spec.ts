import { ClaimAction, ClaimStatus, NeedStatus, TaskStatus, TaskTarget } from '@sbd/contracts';
import { iso, makeClaim, makeNeed, makeTask } from '@test/doubles/fixtures';
import { heldSignups, memberTaskView, myClaimView, needTimeline, STEP_STATE_LABELS } from './loop';

const MIN = 60_000;

describe('memberTaskView: the claim buttons by state', () => {
  const now = Date.now();

  it('offers 报名 while slots are left', () => {
    const v = memberTaskView(makeTask({ capacity: 3, claimedCount: 1 }), now);
    expect(v).toEqual({ kind: 'claim', slotsLeft: 2, rejoin: false });
  });

  it('offers the waitlist when full and the task keeps one, refuses otherwise', () => {
    expect(memberTaskView(makeTask({ capacity: 2, claimedCount: 2, waitlistCount: 3 }), now)).toEqual({
      kind: 'waitlist',
      waitlistCount: 3,
      rejoin: false,
    });
    expect(memberTaskView(makeTask({ capacity: 2, claimedCount: 2, waitlist: false }), now)).toEqual({
      kind: 'blocked',
      reason: '名额已满',
    });
  });

  it('explains why a task cannot be claimed: status, start passed, branch tasks', () => {
    expect(memberTaskView(makeTask({ status: TaskStatus.Cancelled }), now)).toEqual({
      kind: 'blocked',
      reason: '任务已取消，不能报名',
    });
    expect(memberTaskView(makeTask({ status: TaskStatus.Completed }), now)).toMatchObject({
      kind: 'blocked',
      reason: '任务已完成，不能报名',
    });
    expect(memberTaskView(makeTask({}, -5), now)).toEqual({ kind: 'blocked', reason: '报名已截止' });
    expect(memberTaskView(makeTask({ target: TaskTarget.Branches }), now)).toMatchObject({
      kind: 'blocked',
      reason: expect.stringContaining('支部书记'),
    });
  });

  it('shows a time clash with another live sign-up before the tap, not with the task itself', () => {
    const task = makeTask({ id: 21 });
    const other = makeTask({ id: 22, title: '助老理发', startAt: task.startAt, endAt: task.endAt });
    const held = heldSignups(
      [makeClaim(other), makeClaim(task, { id: 32 }), makeClaim(other, { id: 33, status: ClaimStatus.Withdrawn })],
      now,
    );
    expect(held.map((h) => h.taskId)).toEqual([22, 21]);
    // A place on a waitlist counts as the API counts it: promotion would book the member twice.
    const waiting = heldSignups([makeClaim(other, { id: 34, status: ClaimStatus.Waitlisted })], now);
    expect(memberTaskView(task, now, waiting)).toEqual({
      kind: 'blocked',
      reason: '与已报名的任务「助老理发」时间冲突',
    });
    expect(memberTaskView(task, now, held)).toEqual({ kind: 'blocked', reason: '与已报名的任务「助老理发」时间冲突' });
    expect(memberTaskView(other, now, held.slice(1))).toMatchObject({ kind: 'blocked' });
    expect(memberTaskView(task, now, held.slice(1))).toEqual({ kind: 'claim', slotsLeft: 2, rejoin: false });
    // A closed sign-up says so first.
    expect(memberTaskView(makeTask({ id: 21 }, -5), now, held)).toEqual({ kind: 'blocked', reason: '报名已截止' });
  });

  it('lets a member claim again after withdrawing', () => {
    const task = makeTask();
    const v = memberTaskView(
      { ...task, myClaim: makeClaim(task, { status: ClaimStatus.Withdrawn, allowedActions: [] }) },
      now,
    );
    expect(v).toEqual({ kind: 'claim', slotsLeft: 2, rejoin: true });
  });

  it('shows my claim: withdraw before the cut-off, the reason after it', () => {
    const early = makeTask({}, 24 * 60);
    const v1 = memberTaskView({ ...early, myClaim: makeClaim(early) }, now);
    expect(v1).toMatchObject({
      kind: 'mine',
      canWithdraw: true,
      withdrawBlocked: null,
      canCheckIn: false,
      canCheckOut: false,
    });

    const soon = makeTask({}, 60);
    const v2 = memberTaskView({ ...soon, myClaim: makeClaim(soon) }, now);
    expect(v2).toMatchObject({
      kind: 'mine',
      canWithdraw: false,
      withdrawBlocked: '活动开始前2小时内不能退出报名，请联系社区',
    });
  });

  it('opens check-in 30 minutes before the start and says when before that', () => {
    const later = makeTask({}, 45);
    const blocked = myClaimView(makeClaim(later), now);
    expect(blocked.canCheckIn).toBe(false);
    expect(blocked.checkInBlocked).toMatch(
      /^还没到签到时间，活动开始前30分钟起可签到（\d{1,2}月\d{1,2}日 \d\d:\d\d起）$/,
    );

    const soon = makeTask({}, 20);
    expect(myClaimView(makeClaim(soon), now)).toMatchObject({
      canCheckIn: true,
      checkInBlocked: null,
      canCheckOut: false,
    });

    const over = makeTask({ endAt: iso(-MIN) }, -180);
    expect(myClaimView(makeClaim(over), now).checkInBlocked).toBe('活动已结束，不能签到');
  });

  it('opens check-in when the API says it does (CHECKIN_EARLY_MINUTES as configured there)', () => {
    const later = makeTask({}, 45);
    const opensAt = new Date(Date.parse(later.startAt) - 60 * MIN).toISOString();
    expect(myClaimView(makeClaim(later, { checkInOpensAt: opensAt }), now)).toMatchObject({
      canCheckIn: true,
      checkInBlocked: null,
    });
    const soon = makeTask({}, 20);
    const strict = new Date(Date.parse(soon.startAt) - 15 * MIN).toISOString();
    const v = myClaimView(makeClaim(soon, { checkInOpensAt: strict }), now);
    expect(v.canCheckIn).toBe(false);
    expect(v.checkInBlocked).toMatch(/^还没到签到时间，活动开始前15分钟起可签到/);
  });

  it('checks out once checked in; waitlisted claims show their place and may leave any time', () => {
    const task = makeTask({}, 10);
    expect(myClaimView(makeClaim(task, { status: ClaimStatus.CheckedIn }), now)).toMatchObject({
      canCheckIn: false,
      canCheckOut: true,
      canWithdraw: false,
    });
    const w = myClaimView(makeClaim(makeTask({}, 30), { status: ClaimStatus.Waitlisted, waitlistPosition: 3 }), now);
    expect(w).toMatchObject({ waitlistPosition: 3, canWithdraw: true, canCheckIn: false });
  });

  it('counts a promoted hold down and offers 确认参加 until it lapses', () => {
    const task = makeTask();
    const live = myClaimView(makeClaim(task, { holdExpiresAt: iso(90 * MIN, now) }), now);
    expect(live.canConfirm).toBe(true);
    expect(live.holdExpiresAt).toBe(now + 90 * MIN);
    const lapsed = myClaimView(makeClaim(task, { holdExpiresAt: iso(-MIN, now) }), now);
    expect(lapsed).toMatchObject({ canConfirm: false, holdExpiresAt: null });
  });

  it('never offers what the server did not allow', () => {
    const task = makeTask({}, 10);
    const v = myClaimView(makeClaim(task, { allowedActions: [] }), now);
    expect(v).toMatchObject({ canWithdraw: false, canCheckIn: false, canCheckOut: false, checkInBlocked: null });
    // …nor what the state machine forbids, whatever the server sent.
    const odd = myClaimView(
      makeClaim(task, { status: ClaimStatus.Verified, allowedActions: [ClaimAction.CheckIn, ClaimAction.Withdraw] }),
      now,
    );
    expect(odd).toMatchObject({ canWithdraw: false, canCheckIn: false });
  });
});

describe('needTimeline', () => {
  const states = (status: NeedStatus, p = {}) =>
    needTimeline(makeNeed({ status, ...p })).map((s) => `${s.key}:${STEP_STATE_LABELS[s.state]}`);

  it('walks 提交 → 受理 → 办结 → 评价 in words', () => {
    expect(states(NeedStatus.Held)).toEqual(['submit:已完成', 'accept:进行中', 'serve:未开始', 'rate:未开始']);
    expect(states(NeedStatus.Accepted)).toEqual(['submit:已完成', 'accept:已完成', 'serve:进行中', 'rate:未开始']);
    expect(states(NeedStatus.Fulfilled)).toEqual(['submit:已完成', 'accept:已完成', 'serve:已完成', 'rate:进行中']);
    expect(states(NeedStatus.Rated)).toEqual(['submit:已完成', 'accept:已完成', 'serve:已完成', 'rate:已完成']);
  });

  it('stops with the reason when rejected, and notes "没解决" reopenings', () => {
    const rejected = needTimeline(makeNeed({ status: NeedStatus.Rejected, rejectReason: '请联系物业' }));
    expect(rejected[1]).toMatchObject({ state: 'stopped', note: '未受理：请联系物业' });
    const reopened = needTimeline(makeNeed({ status: NeedStatus.Accepted, reopenCount: 2 }));
    expect(reopened[2].note).toBe('您反馈“没解决”，已重新办理（第2次）');
    const withdrawn = needTimeline(makeNeed({ status: NeedStatus.Withdrawn, acceptedAt: iso(-60_000) }));
    expect(withdrawn.map((s) => s.state)).toEqual(['done', 'done', 'stopped', 'todo']);
  });
});
