/**
 * Check-in code guesses are limited per member and task: 5 wrong codes lock the code for that
 * member on that task for 15 minutes (429 with Retry-After), counted in the database so that every
 * API process sees the same count. Location check-in stays open; a right code starts afresh.
 */
import { ClaimStatus, ErrorCode, type ClaimDto, type TaskDto } from '@sbd/contracts';
import { checkinCode } from '@sbd/domain';
import { AT_THE_TASK, createApprovedMembers, startingIn, type TestUser } from '../../support/factories';
import { createServiceLoopWorld, type ServiceLoopWorld } from '../tasks/service-loop-world';

describe('should limit check-in code guesses per member and task', () => {
  let w: ServiceLoopWorld;

  beforeAll(async () => {
    w = await createServiceLoopWorld();
  });
  afterAll(() => w.t.close());

  /** A fresh task and fresh members' claims on it. */
  async function claims(n: number): Promise<{ task: TaskDto; who: { member: TestUser; claim: ClaimDto }[] }> {
    const task = await w.publish({ capacity: 5 });
    const members = await createApprovedMembers(w.t, w.city.a, n);
    const who = [];
    for (const member of members) {
      who.push({ member, claim: (await w.claim(member, task.id).expect(201)).body as ClaimDto });
    }
    return { task, who };
  }

  const attend = (u: TestUser, c: ClaimDto, body: object, action = 'check-in', http = w.t.http) =>
    http().post(`/api/claims/${c.id}/${action}`).set(u.auth).send(body);

  /** A 6-digit code that is not the task's current one (nor one period either side). */
  async function wrongCode(taskId: number): Promise<string> {
    const secret = await w.secretOf(taskId);
    const now = Date.now();
    const valid = new Set([-30_000, 0, 30_000].map((d) => checkinCode(secret, now + d)));
    for (let i = 0; ; i++) {
      const code = String(100000 + i);
      if (!valid.has(code)) return code;
    }
  }

  it('refuses the 5th wrong code with 429 and Retry-After; then even the right code, but not location', async () => {
    const { task, who } = await claims(2);
    const [{ member, claim }, other] = who;
    const wrong = await wrongCode(task.id);
    for (const left of [4, 3, 2, 1]) {
      const res = await attend(member, claim, { code: wrong }).expect(400);
      expect(res.body.message).toBe(`签到码错误或已过期，请看现场最新的签到码（还可再试${left}次）`);
      expect(res.body.details).toEqual([{ field: 'code', message: res.body.message }]);
    }
    const locked = await attend(member, claim, { code: wrong }).expect(429);
    expect(locked.body).toEqual({
      code: ErrorCode.TooManyRequests,
      message: '签到码已连续输错5次，请15分钟后再试；到达现场后也可以定位签到',
      details: [],
    });
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    const right = checkinCode(await w.secretOf(task.id), Date.now());
    await attend(member, claim, { code: right }).expect(429);

    // Another member on the same task is not affected.
    await attend(other.member, other.claim, { code: right }).expect(200);
    // The locked member checks in on site by location.
    expect((await attend(member, claim, AT_THE_TASK).expect(200)).body.status).toBe(ClaimStatus.CheckedIn);
  });

  it('starts afresh after a right code, and counts per task', async () => {
    const { task, who } = await claims(1);
    const [{ member, claim }] = who;
    const wrong = await wrongCode(task.id);
    for (let i = 0; i < 4; i++) await attend(member, claim, { code: wrong }).expect(400);
    const secret = await w.secretOf(task.id);
    await attend(member, claim, { code: checkinCode(secret, Date.now()) }).expect(200);
    // Check-out guesses count from zero again: four wrong ones are not yet a lock.
    for (const left of [4, 3, 2, 1]) {
      const res = await attend(member, claim, { code: wrong }, 'check-out').expect(400);
      expect(res.body.message).toBe(`签退码错误或已过期，请看现场最新的签退码（还可再试${left}次）`);
    }
    const locked = await attend(member, claim, { code: wrong }, 'check-out').expect(429);
    expect(locked.body.message).toBe('签退码已连续输错5次，请15分钟后再试；到达现场后也可以定位签退');

    // The same member on another task (one that does not clash: it ends in 5 minutes) guesses from zero.
    const next = await w.publish(startingIn(3 * 3600_000));
    const c2 = (await w.claim(member, next.id).expect(201)).body as ClaimDto;
    await w.startedAgo(next.id, 20, 25);
    const res = await attend(member, c2, { code: await wrongCode(next.id) }).expect(400);
    expect(res.body.message).toMatch(/还可再试4次/);
  });

  it('is shared by two API processes, and lifts when the lock has run out', async () => {
    const { task, who } = await claims(1);
    const [{ member, claim }] = who;
    const sibling = await w.t.sibling();
    const wrong = await wrongCode(task.id);
    const apps = [w.t.http, sibling.http];
    for (let i = 0; i < 4; i++) await attend(member, claim, { code: wrong }, 'check-in', apps[i % 2]).expect(400);
    await attend(member, claim, { code: wrong }, 'check-in', sibling.http).expect(429);
    await attend(member, claim, { code: wrong }, 'check-in', w.t.http).expect(429);

    // Fifteen minutes later the lock is over and the count starts afresh.
    await w.t.ds.query('UPDATE checkin_failures SET locked_until = ? WHERE member_user_id = ? AND task_id = ?', [
      new Date(Date.now() - 1000).toISOString().replace('T', ' ').replace('Z', ''),
      member.id,
      task.id,
    ]);
    const again = await attend(member, claim, { code: wrong }, 'check-in', sibling.http).expect(400);
    expect(again.body.message).toMatch(/还可再试4次/);
    const right = checkinCode(await w.secretOf(task.id), Date.now());
    await attend(member, claim, { code: right }).expect(200);
  });

  it('cannot get past the limit with guesses sent at once', async () => {
    const { task, who } = await claims(1);
    const [{ member, claim }] = who;
    const wrong = await wrongCode(task.id);
    const all = await Promise.all(Array.from({ length: 12 }, () => attend(member, claim, { code: wrong })));
    const statuses = all.map((r) => r.status);
    // At most 5 are compared (4 answered 400, the 5th locks); which of them says 400 depends on timing.
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(4);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(8);
    expect(statuses.every((s) => s === 400 || s === 429)).toBe(true);
    const [row] = await w.t.ds.query(
      'SELECT failure_count, locked_until FROM checkin_failures WHERE member_user_id = ? AND task_id = ?',
      [member.id, task.id],
    );
    expect(Number(row.failure_count)).toBe(5);
    expect(row.locked_until).not.toBeNull();
    const right = checkinCode(await w.secretOf(task.id), Date.now());
    await attend(member, claim, { code: right }).expect(429);
  });
});
