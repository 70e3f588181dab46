/**
 * A district's roster people (the terms of its 报到率) come from a roll-up, not from grouping every
 * roster line on each read. After each change that moves them (uploads on two units, a re-upload
 * that drops a person, an approval, a confirmed 待核对 pairing, a phone change, a deleted account,
 * a unit moved to another district, a rebuild) the roll-up equals the raw count of people.
 */
import { RosterMatchDecision, Role, type StatsDto } from '@sbd/contracts';
import { FieldCipher } from '../../../src/platform/crypto/field-cipher';
import { toDbDate } from '../../../src/platform/database/sql';
import { rebuildPeople } from '../../../src/reporting/stats/stats-rollup-people';
import { StatsRollupService } from '../../../src/reporting/stats/stats-rollup.service';
import { buildCity, createUser, type TestUser } from '../../support/factories';
import { createRosterWorld, xlsx, HEADER, type RosterWorld } from '../rosters/roster-world';
import { rawStats } from './stats-world';

describe('should keep a district’s roster people equal to the count from the roster lines', () => {
  let w: RosterWorld;
  let platform: TestUser;
  const y = new Date().getUTCFullYear();
  const query = { from: `${y}-01-01`, to: `${y}-12-31` };

  const served = async (districtId: number): Promise<StatsDto> =>
    (
      await w.t
        .http()
        .get(`/api/stats/nodes/${districtId}?${new URLSearchParams(query)}`)
        .set(platform.auth)
        .expect(200)
    ).body;
  const raw = (districtId: number) => rawStats(w.t, districtId, query);
  /** The district's roster terms, asserted equal between the roll-up and the raw lines. */
  const people = async (districtId: number) => {
    const fast = await served(districtId);
    expect(fast).toEqual(await raw(districtId));
    return { entries: fast.rosterEntries, registered: fast.rosterRegistered };
  };
  const regOf = async (u: TestUser): Promise<number> =>
    Number((await w.t.ds.query('SELECT id FROM registrations WHERE user_id = ?', [u.id]))[0].id);

  beforeAll(async () => {
    w = await createRosterWorld();
    platform = await createUser(w.t, { roles: [{ role: Role.PlatformAdmin, scopeNodeId: null }] });
  });
  afterAll(() => w.t.close());

  it('counts a person on two units’ rosters once, and drops one a re-upload leaves out', async () => {
    const [m1, m2] = w.members;
    await w
      .upload(
        await xlsx(HEADER, [
          [w.nameOf(1), m1.phone, '一支部', null],
          [w.nameOf(2), m2.phone, '一支部', null],
          ['从未报到', '13900000071', '一支部', null],
        ]),
      )
      .expect(200);
    await w
      .upload(await xlsx(HEADER, [[w.nameOf(1), m1.phone, '兼职支部', null]]), {
        unitId: w.city.unitB,
        as: w.unitAdminB,
      })
      .expect(200);
    expect(await people(w.city.districtId)).toEqual({ entries: 3, registered: 2 });

    // Member 2 and the person never registered leave unit A's roster: gone from the district, as
    // they are on no other roster; the pending member is added.
    await w
      .upload(
        await xlsx(HEADER, [
          [w.nameOf(1), m1.phone, '一支部', null],
          [w.nameOf(5), w.pending.phone, '一支部', null],
        ]),
      )
      .expect(200);
    expect(await people(w.city.districtId)).toEqual({ entries: 2, registered: 1 });
    // Member 1 leaves unit A too, but stays on unit B's: still one person of the district.
    await w
      .upload(
        await xlsx(HEADER, [
          ['从未报到', '13900000071', '一支部', null],
          [w.nameOf(5), w.pending.phone, '一支部', null],
        ]),
      )
      .expect(200);
    expect(await people(w.city.districtId)).toEqual({ entries: 3, registered: 1 });
  });

  it('follows approvals, confirmed 待核对 pairings, phone changes and deleted accounts', async () => {
    // The pending member on unit A's roster is approved.
    await w.t
      .http()
      .post(`/api/registrations/${await regOf(w.pending)}/approve`)
      .set(w.communityAdmin.auth)
      .send({})
      .expect(200);
    expect(await people(w.city.districtId)).toEqual({ entries: 3, registered: 2 });

    // Member 3 is on unit B's roster under a variant of their name (丽/麗), and B's admin confirms it.
    const [, , m3, m4] = w.members;
    await w.t.ds.query('UPDATE registrations SET name = ? WHERE user_id = ?', ['王丽', m3.id]);
    await w
      .upload(
        await xlsx(HEADER, [
          [w.nameOf(1), w.members[0].phone, '兼职支部', null],
          ['王麗', m3.phone, '兼职支部', null],
          [w.nameOf(4), m4.phone, '兼职支部', null],
        ]),
        { unitId: w.city.unitB, as: w.unitAdminB },
      )
      .expect(200);
    expect(await people(w.city.districtId)).toEqual({ entries: 5, registered: 3 });
    const [entry] = await w.t.ds.query('SELECT id FROM unit_roster_entries WHERE unit_id = ? AND name = ?', [
      w.city.unitB,
      '王麗',
    ]);
    await w.t
      .http()
      .post(`/api/units/${w.city.unitB}/roster/entries/${entry.id}/decision`)
      .set(w.unitAdminB.auth)
      .send({ registrationId: await regOf(m3), decision: RosterMatchDecision.Confirmed })
      .expect(200);
    expect(await people(w.city.districtId)).toEqual({ entries: 5, registered: 4 });

    // Member 4 changes phone: the roster line keeps the old one, so they no longer match it.
    const cipher = new FieldCipher(w.t.config.fieldEncryptionKey);
    await w.t.ds.query('UPDATE registrations SET phone_enc = ?, phone_hash = ?, updated_at = ? WHERE user_id = ?', [
      cipher.encrypt('13900000072'),
      cipher.hash('13900000072'),
      toDbDate(new Date()),
      m4.id,
    ]);
    expect(await people(w.city.districtId)).toEqual({ entries: 5, registered: 3 });

    // Member 3 deletes their account: the confirmed pairing goes with it.
    await w.t.http().delete('/api/me').set(m3.auth).expect(204);
    expect(await people(w.city.districtId)).toEqual({ entries: 5, registered: 2 });
  });

  it('moves a unit’s people with the unit to another district, and a rebuild gives the same figures', async () => {
    const other = await buildCity(w.t);
    const before = await people(w.city.districtId);
    const unitB = await w.t.ds.query('SELECT COUNT(*) AS n FROM unit_roster_entries WHERE unit_id = ?', [w.city.unitB]);
    await w.t
      .http()
      .post(`/api/org/nodes/${w.city.unitB}/move`)
      .set(platform.auth)
      .send({ parentId: other.districtId })
      .expect(200);
    const moved = await people(other.districtId);
    expect(moved.entries).toBe(Number(unitB[0].n));
    expect((await people(w.city.districtId)).entries).toBe(Number(before.entries) - Number(moved.entries));

    const figures = [await served(w.city.districtId), await served(other.districtId)];
    await w.t.app.get(StatsRollupService).invalidate();
    expect([await served(w.city.districtId), await served(other.districtId)]).toEqual(figures);
  });

  it('builds the same people when a rebuild splits each district into many hash ranges', async () => {
    const fast = async (): Promise<number[][]> =>
      (
        await w.t.ds.query('SELECT district_id, people, registered FROM stats_district_roster ORDER BY district_id')
      ).map((r: Record<string, unknown>) => [Number(r.district_id), Number(r.people), Number(r.registered)]);
    await people(w.city.districtId);
    const before = await fast();
    const districts = (await w.t.ds.query("SELECT id, path FROM org_nodes WHERE type = 'district'")).map(
      (d: { id: unknown; path: string }) => ({ id: Number(d.id), path: d.path }),
    );
    await w.t.ds.transaction((m) => rebuildPeople(m, districts, 1));
    expect(await fast()).toEqual(before);
    expect(before.some(([, n]) => n > 1)).toBe(true);
  });

  it('leaves no stale notes once a refresh has read them', async () => {
    await w.upload(await xlsx(HEADER, [['从未报到', '13900000071', '一支部', null]])).expect(200);
    expect(Number((await w.t.ds.query('SELECT COUNT(*) AS n FROM stats_roster_stale'))[0].n)).toBeGreaterThan(0);
    await people(w.city.districtId);
    expect(Number((await w.t.ds.query('SELECT COUNT(*) AS n FROM stats_roster_stale'))[0].n)).toBe(0);
  });
});
