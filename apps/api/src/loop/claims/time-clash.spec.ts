/**
 * The claim path's clash decision on the rows its narrowing read returns (bounds included): the
 * domain rule decides, so back-to-back services are no clash and a one-minute overlap is.
 */
import { clashingSignup } from '@sbd/domain';
import { toDbDate } from '../../platform/database/sql';
import { clashAmong, type MemberClaimRow } from './time-clash';

const MIN = 60_000;
const START = new Date('2031-05-10T02:00:00.000Z'); // 10:00 in China
const task = { id: 7, startsAt: START, endsAt: new Date(START.getTime() + 120 * MIN) };

/** A claim of the member on task `taskId` from `from` to `to` minutes after the task's start. */
const row = (taskId: number, from: number, to: number, asDate = false): MemberClaimRow => {
  const at = (m: number) => new Date(START.getTime() + m * MIN);
  return {
    id: taskId * 10,
    task_id: String(taskId), // both drivers may answer numbers as strings
    title: `任务${taskId}`,
    starts_at: asDate ? at(from) : toDbDate(at(from)),
    ends_at: asDate ? at(to) : toDbDate(at(to)),
  };
};

describe('clashAmong (the claim path’s time clash)', () => {
  it.each([
    ['ends as the task starts', -60, 0, false],
    ['starts as the task ends', 120, 180, false],
    ['overlaps the start by one minute', -60, 1, true],
    ['overlaps the end by one minute', 119, 180, true],
    ['lies inside', 30, 60, true],
    ['covers the task', -30, 150, true],
  ])('a sign-up that %s (%d to %d min): clash %s, as the domain rule says', (_what, from, to, clash) => {
    for (const asDate of [false, true]) {
      const r = row(8, from, to, asDate);
      const found = clashAmong(task, [r]);
      expect(found !== null).toBe(clash);
      const held = { taskId: 8, title: '任务8', start: START.getTime() + from * MIN, end: START.getTime() + to * MIN };
      expect(found !== null).toBe(clashingSignup({ start: task.startsAt, end: task.endsAt }, [held], task.id) !== null);
      if (found) expect(found).toMatchObject({ taskId: 8, title: '任务8' });
    }
  });

  it("ignores the member's own claim on the task and names the first clashing one", () => {
    expect(clashAmong(task, [row(7, 0, 120)])).toBeNull();
    expect(clashAmong(task, [row(7, 0, 120), row(8, -60, 0), row(9, 60, 90), row(10, 100, 200)])).toMatchObject({
      taskId: 9,
      title: '任务9',
    });
  });
});
