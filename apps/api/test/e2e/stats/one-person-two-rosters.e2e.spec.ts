/**
 * A fixed number: one person on two units' rosters counted twice in the district's 报到率. The
 * district counts people (keyed phone and name), each unit its own roster.
 */
import type { StatsDto } from '@sbd/contracts';
import { createRosterWorld, xlsx, HEADER, type RosterWorld } from '../rosters/roster-world';

describe('报到率 counts people, not roster lines, at district level', () => {
  let w: RosterWorld;

  beforeEach(async () => {
    w = await createRosterWorld();
  });
  afterEach(() => w.t.close());

  it('counts one person on two units’ rosters once for the district', async () => {
    const [both] = w.members;
    const never = '13900000077';
    await w
      .upload(
        await xlsx(HEADER, [
          [w.nameOf(1), both.phone, '一支部', null],
          ['从未报到', never, '一支部', null],
        ]),
      )
      .expect(200);
    await w
      .upload(await xlsx(HEADER, [[w.nameOf(1), both.phone, '兼职支部', null]]), {
        unitId: w.city.unitB,
        as: w.unitAdminB,
      })
      .expect(200);

    const y = new Date().getUTCFullYear();
    const stats = async (nodeId: number): Promise<StatsDto> =>
      (
        await w.t
          .http()
          .get(`/api/stats/nodes/${nodeId}?from=${y}-01-01&to=${y}-12-31`)
          .set(w.districtAdmin.auth)
          .expect(200)
      ).body;
    expect(await stats(w.city.unitA)).toMatchObject({ rosterEntries: 2, rosterRegistered: 1, registrationRate: 0.5 });
    expect(await stats(w.city.unitB)).toMatchObject({ rosterEntries: 1, rosterRegistered: 1, registrationRate: 1 });
    expect(await stats(w.city.districtId)).toMatchObject({
      rosterEntries: 2,
      rosterRegistered: 1,
      registrationRate: 0.5,
    });
  });
});
