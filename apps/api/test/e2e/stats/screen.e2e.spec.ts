/**
 * The district screen's route (数据大屏): child territories ranked with the same figures as their own
 * statistics, the latest verified services with masked names, and who may read which node.
 */
import type { ScreenDto, StatsDto } from '@sbd/contracts';
import { createUser } from '../../support/factories';
import { createStatsWorld, hoursAgo, Y2025, type StatsWorld } from './stats-world';

describe('GET /api/stats/nodes/:id/screen ranks the children and lists the latest verified services in scope', () => {
  let w: StatsWorld;
  const screen = async (u: StatsWorld['district'], nodeId: number, query = Y2025): Promise<ScreenDto> =>
    (await w.get(u, `/api/stats/nodes/${nodeId}/screen?${query}`).expect(200)).body;

  beforeAll(async () => {
    w = await createStatsWorld();
  });
  afterAll(() => w.t.close());

  it('ranks the streets of the district by 服务率 with the figures each street’s statistics show', async () => {
    const s = await screen(w.district, w.city.districtId);
    expect(s).toMatchObject({ nodeId: w.city.districtId, nodeType: 'district', nodeName: '测试区' });
    expect(s.from).toBe('2024-12-31T16:00:00.000Z');
    expect(Math.abs(Date.parse(s.generatedAt) - Date.now())).toBeLessThan(60_000);
    expect(s.children.map((c) => [c.name, c.serviceRate, c.services, c.verifiedHours])).toEqual([
      ['甲街道', 0.6, 4, 22],
      ['乙街道', 0.3333, 2, 5],
    ]);
    for (const child of s.children) {
      const st: StatsDto = await w.stats(w.district, child.nodeId);
      expect(child).toEqual({
        nodeId: st.nodeId,
        nodeType: 'street',
        name: st.nodeName,
        registeredMembers: st.registeredMembers,
        servingMembers: st.servingMembers,
        serviceRate: st.serviceRate,
        services: st.services,
        verifiedHours: st.verifiedHours,
      });
    }
  });

  it('lists the verified services newest first, whatever the period, with masked names and no other status', async () => {
    const s = await screen(w.district, w.city.districtId);
    expect(s.latest.map((l) => [l.memberName, l.communityName, l.hours])).toEqual([
      ['张*', '甲社区', 1],
      ['张*', '甲社区', 1],
      ['张*', '甲社区', 1],
      ['张*', '乙社区', 1],
      ['李*', '乙社区', 4],
      ['张*', '甲社区', 18],
      ['张*', '甲社区', 1],
      ['张*', '甲社区', 2],
    ]);
    const [title] = await w.t.ds.query('SELECT title FROM tasks WHERE id = ?', [w.tasks.T4]);
    expect(s.latest[0].taskTitle).toBe(title.title);
    const times = s.latest.map((l) => Date.parse(l.verifiedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(JSON.stringify(s)).not.toMatch(/张[一二四]|李一/);
  });

  it('shows a new verified service on the next read', async () => {
    const before = await screen(w.district, w.city.districtId);
    const id = await w.claim(w.m.m6, w.tasks.T4, 'verified', hoursAgo(0), 3);
    const after = await screen(w.district, w.city.districtId);
    expect(after.latest[0]).toMatchObject({ claimId: id, memberName: '李*', communityName: '甲社区', hours: 1.5 });
    expect(after.latest.slice(1, before.latest.length + 1)).toEqual(before.latest);
    await w.t.ds.query('DELETE FROM claims WHERE id = ?', [id]);
  });

  it('ranks the communities of a street; a community has no children and only its own services', async () => {
    const street = await screen(w.streetA, w.city.streetA);
    expect(street.children.map((c) => [c.name, c.nodeType, c.registeredMembers])).toEqual([['甲社区', 'community', 5]]);
    const community = await screen(w.adminA, w.city.a.id);
    expect(community.children).toEqual([]);
    expect(community.latest).toHaveLength(6);
    expect(community.latest.every((l) => l.communityName === '甲社区')).toBe(true);
  });

  it('is for the node’s staff and those above only: 403 across streets, upwards and for members; 400 for a unit', async () => {
    await w.get(w.streetA, `/api/stats/nodes/${w.city.streetB}/screen`).expect(403);
    await w.get(w.streetA, `/api/stats/nodes/${w.city.districtId}/screen`).expect(403);
    await w.get(w.adminA, `/api/stats/nodes/${w.city.streetA}/screen`).expect(403);
    await w.get(w.adminA, `/api/stats/nodes/${w.city.b.id}/screen`).expect(403);
    await w.get(w.unitAdminA, `/api/stats/nodes/${w.city.districtId}/screen`).expect(403);
    await w.get(w.m.m1, `/api/stats/nodes/${w.city.a.id}/screen`).expect(403);
    const other = await createUser(w.t);
    await w.get(other, `/api/stats/nodes/${w.city.a.id}/screen`).expect(403);
    const unit = await w.get(w.unitAdminA, `/api/stats/nodes/${w.city.unitA}/screen`).expect(400);
    expect(unit.body.details).toEqual([{ field: 'id', message: '数据大屏只支持区、街道或社区' }]);
  });

  it('answers a bad period or id with a field-level 400, an unknown node with 404', async () => {
    const bad = await w.get(w.district, `/api/stats/nodes/${w.city.districtId}/screen?from=2025-13-01`).expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'from' });
    await w.get(w.district, `/api/stats/nodes/999999/screen`).expect(404);
    const abc = await w.get(w.district, `/api/stats/nodes/abc/screen`).expect(400);
    expect(abc.body.details).toEqual([{ field: 'id', message: '编号必须是正整数' }]);
  });
});
