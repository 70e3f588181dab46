/**
 * A district's figures read again while the roll-ups are unchanged come from the process's memory;
 * any refresh that applies a change — in this process or another — moves the version in the
 * database, and the next read is fresh.
 */
import { Role, type StatsDto } from '@sbd/contracts';
import { LeasedJobs } from '../../../src/platform/jobs/leased-jobs';
import { StatsRollupService } from '../../../src/reporting/stats/stats-rollup.service';
import { buildCity, createApprovedMembers, createUser, type City, type TestUser } from '../../support/factories';
import { createTestApp, type TestApp } from '../../support/test-app';
import { rawStats } from './stats-world';

describe('should serve a district’s unchanged figures from memory, and fresh ones after any change', () => {
  let t: TestApp;
  let city: City;
  let district: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildCity(t);
    district = await createUser(t, { roles: [{ role: Role.DistrictAdmin, scopeNodeId: city.districtId }] });
    await createApprovedMembers(t, city.a, 2);
  });
  afterAll(() => t.close());

  const read = async (): Promise<StatsDto> =>
    (await t.http().get(`/api/stats/nodes/${city.districtId}`).set(district.auth).expect(200)).body;
  const raw = () => rawStats(t, city.districtId);
  const members = (n: number) =>
    t.ds.query('UPDATE stats_district_counters SET members = members + ? WHERE district_id = ? AND year = 0', [
      n,
      city.districtId,
    ]);

  it('answers a repeated read from memory while the roll-ups’ version is unchanged', async () => {
    const first = await read();
    expect(first).toEqual(await raw());
    // A roll-up row changed behind the app's back (no refresh, no new version): not read again.
    await members(100);
    expect(await read()).toEqual(first);
    await members(-100);
  });

  it('reads fresh figures after a change that another process applied', async () => {
    const before = await read();
    // Another API process, with its own memory, refreshes after a write: the version moves.
    const other = new StatsRollupService(t.ds, t.config, t.app.get(LeasedJobs));
    await createApprovedMembers(t, city.b, 3);
    await other.refresh();
    const after = await read();
    expect(after.registeredMembers).toBe(before.registeredMembers + 3);
    expect(after).toEqual(await raw());
  });
});
