/**
 * A fixed number: a deleted account used to keep 单位已确认 = 是 in the unit's member records,
 * although no roster can list it any more.
 */
import type { MemberRecordDto } from '@sbd/contracts';
import { createRosterWorld, xlsx, HEADER, type RosterWorld } from './roster-world';

describe('the unit’s confirmation of a deleted account', () => {
  let w: RosterWorld;
  const records = async (unitId = w.city.unitA, as = w.unitAdmin): Promise<MemberRecordDto[]> =>
    (await w.t.http().get(`/api/units/${unitId}/member-records?limit=100`).set(as.auth).expect(200)).body.items;

  beforeEach(async () => {
    w = await createRosterWorld();
  });
  afterEach(() => w.t.close());

  it('should not show 单位已确认 for an account its member deleted', async () => {
    const [leaving] = w.members;
    await w.upload(await xlsx(HEADER, [[w.nameOf(1), leaving.phone, '一支部', null]])).expect(200);
    const before = (await records()).find((r) => r.userId === leaving.id);
    expect(before?.unitConfirmed).toBe(true);

    await w.t.http().delete('/api/me').set(leaving.auth).expect(204);

    const after = (await records()).filter((r) => r.userId === leaving.id);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ name: '已注销用户', unitConfirmed: false, onRoster: false });
    // The roster entry itself is now someone who has not registered.
    expect((await records()).find((r) => r.onRoster)).toMatchObject({ userId: null, unitConfirmed: false });
  });
});
