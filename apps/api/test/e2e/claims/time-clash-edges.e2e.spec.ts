/**
 * The API and the mini-program decide a time clash by the same domain rule (`clashingSignup`):
 * at the edges, a member who holds one service may claim another that starts exactly when it
 * ends (or ends when it starts), and may not claim one that overlaps it by a minute.
 */
import { clashingSignup } from '@sbd/domain';
import { createApprovedMembers } from '../../support/factories';
import { createServiceLoopWorld, type ServiceLoopWorld } from '../tasks/service-loop-world';

const MIN = 60_000;

describe('a time clash is decided the same by the API and the domain rule', () => {
  let w: ServiceLoopWorld;
  beforeAll(async () => {
    w = await createServiceLoopWorld();
  });
  afterAll(() => w.t.close());

  // The held service runs 10:00–12:00 (two days ahead); the others, in minutes from its start.
  const cases: [string, number, number, boolean][] = [
    ['ends as it starts', -60, 0, false],
    ['starts as it ends', 120, 180, false],
    ['overlaps its start by one minute', -60, 1, true],
    ['overlaps its end by one minute', 119, 180, true],
  ];

  it.each(cases)('another service that %s (%d to %d min): refused %s', async (what, from, to, clash) => {
    const start = Math.ceil((Date.now() + 2 * 24 * 60 * MIN) / (60 * MIN)) * 60 * MIN;
    const iso = (m: number) => new Date(start + m * MIN).toISOString();
    const held = await w.publish({ title: '上午值守', startAt: iso(0), endAt: iso(120) });
    const other = await w.publish({ title: `另一项服务（${what}）`, startAt: iso(from), endAt: iso(to) });
    const domain = clashingSignup(
      { start: Date.parse(other.startAt), end: Date.parse(other.endAt) },
      [{ taskId: held.id, title: held.title, start: Date.parse(held.startAt), end: Date.parse(held.endAt) }],
      other.id,
    );
    expect(domain !== null).toBe(clash);

    const [member] = await createApprovedMembers(w.t, w.city.a, 1);
    await w.claim(member, held.id).expect(201);
    const res = await w.claim(member, other.id);
    expect(res.status).toBe(domain ? 409 : 201);
    if (domain) expect(res.body.message).toBe('与已报名的任务「上午值守」时间冲突');
  });
});
