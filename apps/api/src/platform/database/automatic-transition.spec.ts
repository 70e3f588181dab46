import { ClaimAction, ClaimStatus, NeedAction, NeedStatus, TaskAction, TaskStatus } from '@sbd/contracts';
import { claimMachine, needMachine, taskMachine } from '@sbd/domain';
import { automaticTransition } from './automatic-transition';

describe('automaticTransition', () => {
  it('takes the target and the states left from the machine', () => {
    expect(automaticTransition(taskMachine, TaskAction.Start)).toEqual({
      to: TaskStatus.InProgress,
      from: [TaskStatus.Published],
      statusIn: 'status IN (?)',
    });
    expect(automaticTransition(needMachine, NeedAction.Fulfil)).toMatchObject({
      to: NeedStatus.Fulfilled,
      from: [NeedStatus.Accepted],
    });
    expect(automaticTransition(claimMachine, ClaimAction.Expire)).toMatchObject({
      to: ClaimStatus.Expired,
      from: expect.arrayContaining([ClaimStatus.Claimed, ClaimStatus.Waitlisted]),
      statusIn: 'status IN (?, ?)',
    });
  });

  it('narrows to the states given, refusing one the machine does not allow', () => {
    expect(automaticTransition(claimMachine, ClaimAction.Expire, [ClaimStatus.Claimed]).from).toEqual([
      ClaimStatus.Claimed,
    ]);
    expect(() => automaticTransition(claimMachine, ClaimAction.Expire, [ClaimStatus.Verified])).toThrow('报名');
  });
});
