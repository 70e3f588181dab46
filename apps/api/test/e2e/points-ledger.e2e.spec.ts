import { Role } from '@sbd/contracts';
import fc from 'fast-check';
import { buildCity, createApprovedMembers, createUser, type City, type TestUser } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Property: whatever sequence of ledger operations happens (adjustments up and down, refused
 * ones, repeats), every balance the API reports equals the sum of that member's ledger rows, and
 * the community ranking agrees with the balances.
 */
describe('points ledger: balances and rankings always agree with the ledger', () => {
  let t: TestApp;
  let city: City;
  let admin: TestUser;
  let members: TestUser[];

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildCity(t);
    admin = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
    members = await createApprovedMembers(t, city.a, 4);
  });
  afterAll(() => t.close());

  it('holds after random operations', async () => {
    const op = fc.record({
      member: fc.integer({ min: 0, max: 3 }),
      delta: fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constant(0), fc.integer({ min: 1001, max: 2000 })),
      note: fc.oneof(fc.constant('调整'), fc.constant('')),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          const res = await t
            .http()
            .post('/api/points/adjustments')
            .set(admin.auth)
            .send({ userId: members[o.member].id, communityId: city.a.id, delta: o.delta, note: o.note });
          const valid = o.delta !== 0 && Math.abs(o.delta) <= 1000 && o.note.trim() !== '';
          expect(res.status).toBe(valid ? 201 : 400);
        }
        const ranking = (
          await t.http().get(`/api/points/ranking?scope=member&communityId=${city.a.id}`).set(admin.auth).expect(200)
        ).body as {
          id: number;
          points: number;
          rank: number;
        }[];
        for (const m of members) {
          const balance = (await t.http().get(`/api/members/${m.id}/points`).set(admin.auth).expect(200)).body;
          const [row] = await t.ds.query(
            'SELECT COALESCE(SUM(delta), 0) AS s FROM points_ledger WHERE member_user_id = ?',
            [m.id],
          );
          expect(balance.balance).toBe(Number(row.s));
          const ranked = ranking.find((r) => r.id === m.id);
          if (ranked) expect(ranked.points).toBe(balance.balance);
        }
        const sorted = [...ranking].sort((a, b) => b.points - a.points);
        expect(ranking.map((r) => r.points)).toEqual(sorted.map((r) => r.points));
      }),
      { numRuns: 15 },
    );
  });
});
