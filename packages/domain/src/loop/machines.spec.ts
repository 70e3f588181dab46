import {
  CLAIM_ACTION_LABELS,
  CLAIM_STATUS_LABELS,
  ClaimAction as CA,
  ClaimStatus as CS,
  NEED_ACTION_LABELS,
  NEED_STATUS_LABELS,
  NeedAction as NA,
  NeedStatus as NS,
  TASK_ACTION_LABELS,
  TASK_STATUS_LABELS,
  TaskAction as TA,
  TaskStatus as TS,
} from '@sbd/contracts';
import { claimMachine } from './claim-machine';
import { needMachine } from './need-machine';
import { IllegalTransitionError, type Machine } from './state-machine';
import { isTaskClaimable, taskMachine, whyCannotClaimTask } from './task-machine';

/*
 * The explicit tables: every allowed (state, action) → next state. Anything not listed must be
 * refused. The matrices below are generated from the enums, so a new state or action that is
 * not thought about here fails the suite.
 */
const NEED_TABLE: Record<NS, Partial<Record<NA, NS>>> = {
  [NS.Held]: { [NA.Release]: NS.Submitted, [NA.Reject]: NS.Rejected, [NA.Withdraw]: NS.Withdrawn },
  [NS.Submitted]: {
    [NA.Accept]: NS.Accepted,
    [NA.Reject]: NS.Rejected,
    [NA.Merge]: NS.Merged,
    [NA.Withdraw]: NS.Withdrawn,
  },
  [NS.Accepted]: { [NA.Fulfil]: NS.Fulfilled, [NA.Withdraw]: NS.Withdrawn },
  [NS.Fulfilled]: { [NA.Rate]: NS.Rated, [NA.Reopen]: NS.Accepted },
  [NS.Rejected]: {},
  [NS.Merged]: {},
  [NS.Withdrawn]: {},
  [NS.Rated]: {},
};

const TASK_TABLE: Record<TS, Partial<Record<TA, TS>>> = {
  [TS.Draft]: { [TA.Publish]: TS.Published, [TA.Cancel]: TS.Cancelled },
  [TS.Published]: { [TA.Start]: TS.InProgress, [TA.Cancel]: TS.Cancelled },
  [TS.InProgress]: { [TA.Complete]: TS.Completed, [TA.Cancel]: TS.Cancelled },
  [TS.Completed]: { [TA.Close]: TS.Closed },
  [TS.Closed]: {},
  [TS.Cancelled]: {},
};

const CLAIM_TABLE: Record<CS, Partial<Record<CA, CS>>> = {
  [CS.Waitlisted]: {
    [CA.Promote]: CS.Claimed,
    [CA.Withdraw]: CS.Withdrawn,
    [CA.Expire]: CS.Expired,
    [CA.Cancel]: CS.Cancelled,
  },
  [CS.Claimed]: {
    [CA.CheckIn]: CS.CheckedIn,
    [CA.Withdraw]: CS.Withdrawn,
    [CA.MarkNoShow]: CS.NoShow,
    [CA.Expire]: CS.Expired,
    [CA.Cancel]: CS.Cancelled,
  },
  [CS.CheckedIn]: { [CA.CheckOut]: CS.CheckedOut, [CA.Reject]: CS.Rejected },
  [CS.CheckedOut]: { [CA.Verify]: CS.Verified, [CA.Reject]: CS.Rejected },
  [CS.Verified]: {},
  [CS.Rejected]: {},
  [CS.Withdrawn]: {},
  [CS.NoShow]: {},
  [CS.Expired]: {},
  [CS.Cancelled]: {},
};

function matrix<S extends string, A extends string>(
  states: Record<S, string>,
  actions: Record<A, string>,
  table: Record<S, Partial<Record<A, S>>>,
) {
  const allowed: [S, A, S][] = [];
  const forbidden: [S, A][] = [];
  for (const s of Object.keys(states) as S[]) {
    for (const a of Object.keys(actions) as A[]) {
      const to = table[s][a];
      if (to === undefined) forbidden.push([s, a]);
      else allowed.push([s, a, to]);
    }
  }
  return { allowed, forbidden };
}

function suite<S extends string, A extends string>(
  title: string,
  machine: Machine<S, A>,
  states: Record<S, string>,
  actions: Record<A, string>,
  table: Record<S, Partial<Record<A, S>>>,
  counts: { allowed: number; forbidden: number },
) {
  const { allowed, forbidden } = matrix(states, actions, table);

  describe(title, () => {
    it('covers every state and action of the enums', () => {
      expect([...machine.states].sort()).toEqual(Object.keys(states).sort());
      expect([...machine.actions].sort()).toEqual(Object.keys(actions).sort());
      expect(allowed.length + forbidden.length).toBe(machine.states.length * machine.actions.length);
      expect({ allowed: allowed.length, forbidden: forbidden.length }).toEqual(counts);
    });

    it.each(allowed)('allows %s --%s--> %s', (s, a, to) => {
      expect(machine.can(s, a)).toBe(true);
      expect(machine.whyNot(s, a)).toBeNull();
      expect(machine.next(s, a)).toBe(to);
      expect(machine.allowedActions(s)).toContain(a);
    });

    it.each(forbidden)('forbids %s --%s-->', (s, a) => {
      expect(machine.can(s, a)).toBe(false);
      const why = machine.whyNot(s, a);
      expect(why).toMatch(new RegExp(`^${machine.name}.+，不能${actions[a]}$`));
      expect(() => machine.next(s, a)).toThrow(IllegalTransitionError);
      expect(() => machine.next(s, a)).toThrow(why as string);
      expect(machine.allowedActions(s)).not.toContain(a);
    });

    it('lists exactly the edges of the table', () => {
      expect(machine.edges().map((e) => [e.from, e.action, e.to])).toEqual(allowed);
    });

    it('labels every state and action in Chinese', () => {
      for (const s of machine.states) expect(machine.stateLabels[s]).toMatch(/[\u4e00-\u9fff]/);
      for (const a of machine.actions) expect(machine.actionLabels[a]).toMatch(/[\u4e00-\u9fff]/);
    });
  });
}

suite('needMachine', needMachine, NEED_STATUS_LABELS, NEED_ACTION_LABELS, NEED_TABLE, { allowed: 11, forbidden: 53 });
suite('taskMachine', taskMachine, TASK_STATUS_LABELS, TASK_ACTION_LABELS, TASK_TABLE, { allowed: 7, forbidden: 23 });
suite('claimMachine', claimMachine, CLAIM_STATUS_LABELS, CLAIM_ACTION_LABELS, CLAIM_TABLE, {
  allowed: 13,
  forbidden: 77,
});

describe('Chinese refusals', () => {
  it.each([
    [needMachine.whyNot(NS.Withdrawn, NA.Accept), '需求已撤回，不能受理'],
    [needMachine.whyNot(NS.Held, NA.Accept), '需求正在审核，不能受理'],
    [needMachine.whyNot(NS.Submitted, NA.Rate), '需求尚未受理，不能评价'],
    [needMachine.whyNot(NS.Rated, NA.Reopen), '需求已评价，不能重新办理'],
    [needMachine.whyNot(NS.Merged, NA.Withdraw), '需求已合并，不能撤回'],
    [taskMachine.whyNot(TS.Cancelled, TA.Start), '任务已取消，不能开始'],
    [taskMachine.whyNot(TS.Draft, TA.Start), '任务尚未发布，不能开始'],
    [taskMachine.whyNot(TS.Completed, TA.Cancel), '任务已完成，不能取消'],
    [claimMachine.whyNot(CS.Waitlisted, CA.CheckIn), '报名还在候补，不能签到'],
    [claimMachine.whyNot(CS.Claimed, CA.CheckOut), '报名尚未签到，不能签退'],
    [claimMachine.whyNot(CS.CheckedIn, CA.MarkNoShow), '报名已签到，不能标记缺席'],
    [claimMachine.whyNot(CS.Verified, CA.Withdraw), '报名已核验，不能退出报名'],
    [claimMachine.whyNot(CS.Cancelled, CA.CheckIn), '报名所属任务已取消，不能签到'],
  ])('%s', (actual, expected) => expect(actual).toBe(expected));

  it('throws the message from next()', () => {
    expect(() => needMachine.next(NS.Withdrawn, NA.Accept)).toThrow(
      new IllegalTransitionError('需求已撤回，不能受理', '需求', 'withdrawn', 'accept'),
    );
  });
});

describe('terminal states', () => {
  it('are the ones with no way out', () => {
    expect(needMachine.terminalStates()).toEqual([NS.Rejected, NS.Merged, NS.Withdrawn, NS.Rated]);
    expect(taskMachine.terminalStates()).toEqual([TS.Closed, TS.Cancelled]);
    expect(claimMachine.terminalStates()).toEqual([
      CS.Verified,
      CS.Rejected,
      CS.Withdrawn,
      CS.NoShow,
      CS.Expired,
      CS.Cancelled,
    ]);
  });
});

describe('whyCannotClaimTask', () => {
  it.each([
    [TS.Draft, '任务尚未发布，不能报名'],
    [TS.Published, null],
    [TS.InProgress, null],
    [TS.Completed, '任务已完成，不能报名'],
    [TS.Closed, '任务已结项，不能报名'],
    [TS.Cancelled, '任务已取消，不能报名'],
  ])('%s → %s', (status, expected) => {
    expect(whyCannotClaimTask(status)).toBe(expected);
    expect(isTaskClaimable(status)).toBe(expected === null);
  });
});
