/**
 * A fixed number: a unit admin was refused the hours of roster members whose registration named
 * the unit by hand or picked another unit, while the same admin's member records list them. Both
 * views now follow one rule (the unit named, or the unit's roster listing the member).
 */
import { ErrorCode, type MemberRecordDto, type ServiceHoursDto } from '@sbd/contracts';
import { createApprovedMembers, type TestUser } from '../../support/factories';
import { createRosterWorld, xlsx, HEADER, type RosterWorld } from './roster-world';

describe('a unit admin reads the hours of the members its records list', () => {
  let w: RosterWorld;
  const records = async (unitId = w.city.unitA, as = w.unitAdmin): Promise<MemberRecordDto[]> =>
    (await w.t.http().get(`/api/units/${unitId}/member-records?limit=100`).set(as.auth).expect(200)).body.items;
  const hours = (u: TestUser, as: TestUser) => w.t.http().get(`/api/members/${u.id}/hours`).set(as.auth);
  const rename = (u: TestUser, name: string) =>
    w.t.ds.query('UPDATE registrations SET name = ? WHERE user_id = ?', [name, u.id]);

  beforeEach(async () => {
    w = await createRosterWorld();
  });
  afterEach(() => w.t.close());

  it('lets a unit admin read the registration and hours of every member its records list, however they named the unit', async () => {
    // One member typed the unit's name by hand, another picked unit B; unit A's roster lists both.
    const [typed] = await createApprovedMembers(w.t, w.city.a, 1);
    const [elsewhere] = await createApprovedMembers(w.t, w.city.a, 1, { unitId: w.city.unitB });
    const [stranger] = await createApprovedMembers(w.t, w.city.a, 1);
    await rename(typed, '手填单位');
    await rename(elsewhere, '选了别的单位');
    await w
      .upload(
        await xlsx(HEADER, [
          ['手填单位', typed.phone, '一支部', null],
          ['选了别的单位', elsewhere.phone, '一支部', null],
        ]),
      )
      .expect(200);

    const listed = (await records()).map((r) => r.userId);
    expect(listed).toEqual(expect.arrayContaining([typed.id, elsewhere.id]));
    for (const u of [typed, elsewhere]) {
      const record = (await records()).find((r) => r.userId === u.id) as MemberRecordDto;
      await w.t.http().get(`/api/registrations/${record.registrationId}`).set(w.unitAdmin.auth).expect(200);
      const res = await hours(u, w.unitAdmin).expect(200);
      expect(res.body as ServiceHoursDto).toEqual({ userId: u.id, verifiedHours: 0, backfilledHours: 0, services: 0 });
    }
    // Both views agree on who is not theirs, too.
    expect(listed).not.toContain(stranger.id);
    const refused = await hours(stranger, w.unitAdmin).expect(403);
    expect(refused.body).toEqual({ code: ErrorCode.Forbidden, message: '无权查看该党员的积分', details: [] });
    // Unit B's admin still reads the member who picked unit B, and not the one who typed a name.
    await hours(elsewhere, w.unitAdminB).expect(200);
    await hours(typed, w.unitAdminB).expect(403);
  });
});
