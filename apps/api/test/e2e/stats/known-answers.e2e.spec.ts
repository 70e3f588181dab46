/**
 * The known answers for 2025 on the hand-built data, per community, street, district and unit, monthly and weekly;
 * who may read which node's figures; and the Excel report of the same figures.
 */
import { REGISTRATION_RATE_TERRITORY_NOTE } from '@sbd/contracts';
import ExcelJS from 'exceljs';
import { binaryParser } from '../../support/test-app';
import { createStatsWorld, Y2025, type StatsWorld } from './stats-world';

describe('should count 报到率, 服务率, hours, 满意率 and needs as DOMAIN §7 defines them, for those allowed to see them', () => {
  let t: StatsWorld['t'];
  let city: StatsWorld['city'];
  let district: StatsWorld['district'];
  let streetA: StatsWorld['streetA'];
  let adminA: StatsWorld['adminA'];
  let unitAdminA: StatsWorld['unitAdminA'];
  let m: StatsWorld['m'];
  let get: StatsWorld['get'];
  let stats: StatsWorld['stats'];

  beforeAll(async () => {
    ({ t, city, district, streetA, adminA, unitAdminA, m, get, stats } = await createStatsWorld());
  });
  afterAll(() => t.close());

  describe('known answers for 2025', () => {
    it('community A: 服务率 3/5, 22 h, 满意率 4 of 5 ratings ≥ 4 → 80%, need closure and durations, tasks, no 报到率', async () => {
      const s = await stats(adminA, city.a.id);
      expect(s).toMatchObject({
        nodeType: 'community',
        from: '2024-12-31T16:00:00.000Z',
        to: '2025-12-31T16:00:00.000Z',
        registrationRate: null,
        registrationRateNote: REGISTRATION_RATE_TERRITORY_NOTE,
        rosterEntries: null,
        registeredMembers: 5,
        servingMembers: 3,
        serviceRate: 0.6,
        services: 4,
        verifiedHours: 22,
        backfilledHours: 1.5,
        satisfaction: { total: 5, satisfied: 4, rate: 0.8 },
        residentSatisfaction: { total: 1, satisfied: 1, rate: 1 },
        communitySatisfaction: { total: 4, satisfied: 3, rate: 0.75 },
        needs: {
          accepted: 3,
          fulfilled: 2,
          closureRate: 0.6667,
          hoursToAccept: { median: 4, mean: 4 },
          hoursToFulfil: { median: 15, mean: 15 },
        },
      });
      expect(s.tasks).toEqual({
        total: 2,
        byKind: { micro: 1, project: 1, activity: 0, emergency: 0 },
        byStatus: { draft: 0, published: 1, in_progress: 0, completed: 0, closed: 1, cancelled: 0 },
      });
      // Members by their verified hours anywhere (m1 also served in B); ties: the later user first.
      expect(s.topMembers.map((x) => [x.name, x.hours, x.services])).toEqual([
        ['张一', 21, 3],
        ['张四', 1, 1],
        ['张二', 1, 1],
      ]);
    });

    it('street A equals its one community; street B and community B have their own figures', async () => {
      const a = await stats(streetA, city.streetA);
      const ca = await stats(streetA, city.a.id);
      expect({ ...a, nodeId: 0, nodeType: '', nodeName: '' }).toEqual({ ...ca, nodeId: 0, nodeType: '', nodeName: '' });
      const b = await stats(district, city.b.id);
      expect(b).toMatchObject({
        registeredMembers: 3,
        servingMembers: 1,
        serviceRate: 0.3333,
        services: 2,
        verifiedHours: 5,
        backfilledHours: 1,
      });
      expect(b.satisfaction).toEqual({ total: 2, satisfied: 1, rate: 0.5 });
      expect(b.needs).toMatchObject({
        accepted: 0,
        fulfilled: 0,
        closureRate: null,
        hoursToAccept: { median: null, mean: null },
      });
    });

    it('district: 报到率 over every unit roster (5 of 7), 服务率 4/8, everything summed', async () => {
      const s = await stats(district, city.districtId);
      expect(s).toMatchObject({
        registrationRate: 0.7143,
        registrationRateNote: null,
        rosterEntries: 7,
        rosterRegistered: 5,
        registeredMembers: 8,
        servingMembers: 4,
        serviceRate: 0.5,
        services: 6,
        verifiedHours: 27,
        backfilledHours: 2.5,
        satisfaction: { total: 7, satisfied: 5, rate: 0.7143 },
        communitySatisfaction: { total: 6, satisfied: 4, rate: 0.6667 },
      });
      expect(s.tasks?.total).toBe(3);
      expect(s.topMembers.map((x) => x.name)).toEqual(['张一', '李一', '张四', '张二']);
    });

    it('unit A: 报到率 3 of its 5 roster entries (a member with no roster entry is not in the denominator); its members’ services', async () => {
      const s = await stats(unitAdminA, city.unitA);
      expect(s).toMatchObject({
        nodeType: 'work_unit',
        registrationRate: 0.6,
        rosterEntries: 5,
        rosterRegistered: 3,
        registeredMembers: 4,
        servingMembers: 3,
        serviceRate: 0.75,
        services: 5,
        verifiedHours: 23,
        backfilledHours: 1.5,
        satisfaction: { total: 5, satisfied: 4, rate: 0.8 },
        residentSatisfaction: { total: 0, satisfied: 0, rate: null },
        needs: null,
        tasks: null,
      });
    });

    it('monthly and weekly series (Asia/Shanghai) add up to the totals', async () => {
      const s = await stats(district, city.districtId, `${Y2025}&granularity=month`);
      expect(s.series).toHaveLength(12);
      expect(s.series.map((x) => x.bucket)).toEqual(
        Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
      );
      const byMonth = Object.fromEntries(
        s.series.map((x) => [x.bucket, [x.services, x.hours, x.ratings, x.satisfiedRatings]]),
      );
      expect(byMonth['2025-03']).toEqual([2, 3, 2, 2]);
      expect(byMonth['2025-04']).toEqual([0, 0, 1, 1]);
      expect(byMonth['2025-06']).toEqual([1, 18, 1, 1]);
      expect(byMonth['2025-07']).toEqual([1, 4, 1, 0]);
      expect(s.series.reduce((a, x) => a + x.services, 0)).toBe(s.services);
      expect(s.series.reduce((a, x) => a + x.hours, 0)).toBe(s.verifiedHours);
      const w = await stats(district, city.districtId, `${Y2025}&granularity=week`);
      expect(w.series[0]).toMatchObject({
        bucket: '2024-12-30',
        from: '2024-12-31T16:00:00.000Z',
        to: '2025-01-05T16:00:00.000Z',
      });
      expect(w.series.at(-1)?.bucket).toBe('2025-12-29');
      // 2025-03-10 and 2025-03-12 (CST) fall in the week of Monday 10 March.
      expect(w.series.find((x) => x.bucket === '2025-03-10')).toMatchObject({ services: 2, hours: 3 });
      expect(w.series.reduce((a, x) => a + x.services, 0)).toBe(6);
    });

    it('a period boundary is a Shanghai midnight: 1 March–10 March has one service of 10 March', async () => {
      const s = await stats(district, city.districtId, 'from=2025-03-01&to=2025-03-10');
      expect(s.services).toBe(1);
      const t2 = await stats(district, city.districtId, 'from=2025-03-11&to=2025-03-31');
      expect(t2.services).toBe(1);
    });
  });

  describe('authorization', () => {
    it('a street admin sees its communities and street only: 403 for the other street’s nodes, the district and units', async () => {
      await get(streetA, `/api/stats/nodes/${city.a.id}`).expect(200);
      await get(streetA, `/api/stats/nodes/${city.b.id}`).expect(403);
      await get(streetA, `/api/stats/nodes/${city.streetB}`).expect(403);
      await get(streetA, `/api/stats/nodes/${city.districtId}`).expect(403);
      await get(streetA, `/api/stats/nodes/${city.unitA}`).expect(403);
    });

    it('a community admin sees only its community; a unit admin only its unit; a member nothing', async () => {
      await get(adminA, `/api/stats/nodes/${city.streetA}`).expect(403);
      await get(adminA, `/api/stats/nodes/${city.unitA}`).expect(403);
      await get(unitAdminA, `/api/stats/nodes/${city.unitB}`).expect(403);
      await get(unitAdminA, `/api/stats/nodes/${city.a.id}`).expect(403);
      await get(unitAdminA, `/api/stats/nodes/${city.districtId}`).expect(403);
      const res = await get(m.m1, `/api/stats/nodes/${city.a.id}`).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      await get(district, `/api/stats/nodes/${city.unitB}`).expect(200);
    });

    it('refuses other node types and bad periods with Chinese messages', async () => {
      expect((await get(district, `/api/stats/nodes/${city.a.gridId}`).expect(400)).body.message).toBe(
        '只能统计社区、街道、区或单位',
      );
      expect((await get(district, `/api/stats/nodes/${city.a.id}?from=2025-02-30`).expect(400)).body.message).toBe(
        '开始日期格式应为 YYYY-MM-DD',
      );
      expect(
        (await get(district, `/api/stats/nodes/${city.a.id}?from=2025-05-01&to=2025-04-01`).expect(400)).body.message,
      ).toBe('结束日期不能早于开始日期');
      expect((await get(district, `/api/stats/nodes/${city.a.id}?granularity=day`).expect(400)).body.message).toBe(
        '统计粒度只能是 week 或 month',
      );
      await get(district, '/api/stats/nodes/999999').expect(404);
    });
  });

  describe('the statistics report', () => {
    it('exports the same figures as Excel', async () => {
      const s = await stats(district, city.districtId);
      const res = await get(district, `/api/stats/nodes/${city.districtId}/export.xlsx?${Y2025}`)
        .buffer(true)
        .parse(binaryParser)
        .expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      const overview = wb.getWorksheet('概览')!;
      const value = (label: string) => overview.getColumn(1).values.indexOf(label);
      expect(overview.getRow(value('服务次数')).getCell(2).value).toBe(s.services);
      expect(overview.getRow(value('已报到党员')).getCell(2).value).toBe(s.registeredMembers);
      expect(wb.getWorksheet('趋势')!.rowCount).toBe(1 + s.series.length);
      await get(streetA, `/api/stats/nodes/${city.districtId}/export.xlsx`).expect(403);
    });

    it('documents every definition in the API docs', async () => {
      const doc = (await t.http().get('/api/docs-json').expect(200)).body;
      const description: string = doc.paths['/api/stats/nodes/{id}'].get.description;
      for (const term of ['报到率', '服务率', '服务时长', '满意率', '点单办结率', '服务之星', '报到率按单位和区统计'])
        expect(description).toContain(term);
    });
  });
});
