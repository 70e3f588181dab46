import { ROSTER_COLUMNS, Role, type MemberRecordsPage } from '@sbd/contracts';
import ExcelJS from 'exceljs';
import { toDbDate } from '../../src/platform/database/sql';
import {
  buildCity,
  aTask,
  createApprovedMembers,
  createUser,
  nextPhone,
  type City,
  type TestUser,
} from '../support/factories';
import { binaryParser, createTestApp, type TestApp } from '../support/test-app';

/** Rows of the first sheet of an .xlsx body: the header row and the data rows, as plain values. */
async function sheet(body: Buffer): Promise<{ header: unknown[]; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const all: unknown[][] = [];
  ws.eachRow((row) => all.push((row.values as unknown[]).slice(1)));
  return { header: all[0] ?? [], rows: all.slice(1) };
}

describe('exports: exactly the rows the list shows for the same filter', () => {
  let t: TestApp;
  let city: City;
  let adminA: TestUser;
  let adminB: TestUser;
  let streetA: TestUser;
  let unitAdmin: TestUser;

  const download = (u: TestUser, path: string) => t.http().get(path).set(u.auth).buffer(true).parse(binaryParser);
  /** Every id the paginated list endpoint returns for `query`, page by page (small pages on purpose). */
  async function listIds(u: TestUser, path: string, query: string, key: 'id' | 'key' = 'id'): Promise<unknown[]> {
    const out: unknown[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: unknown[]; nextCursor: string | null } } = await t
        .http()
        .get(`${path}?limit=7${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`)
        .set(u.auth)
        .expect(200);
      out.push(...(res.body.items as Record<string, unknown>[]).map((x) => x[key]));
      cursor = res.body.nextCursor;
    } while (cursor);
    return out;
  }
  async function exportIds(
    u: TestUser,
    path: string,
    query: string,
  ): Promise<{ header: unknown[]; ids: unknown[]; rows: unknown[][] }> {
    const res = await download(u, `${path}${query ? `?${query}` : ''}`).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const { header, rows } = await sheet(res.body as Buffer);
    return { header, rows, ids: rows.map((r) => r[0]) };
  }

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildCity(t);
    adminA = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
    adminB = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.b.id }] });
    streetA = await createUser(t, { roles: [{ role: Role.StreetAdmin, scopeNodeId: city.streetA }] });
    unitAdmin = await createUser(t, { roles: [{ role: Role.UnitAdmin, scopeNodeId: city.unitA }] });

    const members = await createApprovedMembers(t, city.a, 24, { unitId: city.unitA });
    await createApprovedMembers(t, city.b, 3);
    for (const [i, u] of members.entries()) {
      if (i % 4 === 1) await t.ds.query("UPDATE registrations SET status = 'pending' WHERE user_id = ?", [u.id]);
      if (i % 6 === 2)
        await t.ds.query("UPDATE registrations SET status = 'rejected', reject_reason = '信息不全' WHERE user_id = ?", [
          u.id,
        ]);
    }

    const statuses = ['submitted', 'accepted', 'fulfilled', 'rejected', 'submitted'];
    const categories = ['repair', 'elderly', 'repair', 'environment'];
    const now = toDbDate(new Date());
    for (let i = 0; i < 23; i++) {
      await t.ds.query(
        `INSERT INTO needs (community_id, building_id, created_by_id, proxy, proxy_name, proxy_phone_enc, title, description, category, photos, status, moderation,
                            plus_count, reopen_count, created_at, updated_at)
         VALUES (?, ?, ?, 1, ?, NULL, ?, '描述', ?, '[]', ?, 'passed', 0, 0, ?, ?)`,
        [
          i % 5 === 4 ? city.b.id : city.a.id,
          i % 3 === 0 ? city.a.buildingId : null,
          adminA.id,
          `居民${i}`,
          `需求${i}`,
          categories[i % 4],
          statuses[i % 5],
          now,
          now,
        ],
      );
    }

    for (let i = 0; i < 15; i++) {
      const res = await t
        .http()
        .post('/api/tasks')
        .set(adminA.auth)
        .send(aTask(city.a, { title: `任务${i}`, publish: i % 3 !== 0 }))
        .expect(201);
      if (i % 5 === 1)
        await t
          .http()
          .post(`/api/tasks/${res.body.id}/cancel`)
          .set(adminA.auth)
          .send({ reason: '天气原因' })
          .expect(200);
    }
    await t.http().post('/api/tasks').set(adminB.auth).send(aTask(city.b)).expect(201);
  });
  afterAll(() => t.close());

  it.each(['', 'status=approved', 'status=pending', 'status=rejected'])('registrations (%s)', async (query) => {
    const path = `/api/communities/${city.a.id}/registrations`;
    const list = await listIds(adminA, path, query);
    const exported = await exportIds(adminA, `${path}/export.xlsx`, query);
    expect(list.length).toBeGreaterThan(0);
    expect(exported.ids).toEqual(list);
    expect(exported.header.slice(0, 4)).toEqual(['编号', '姓名', '手机号', '状态']);
    expect(exported.rows.every((r) => /^1\d{2}\*{4}\d{4}$/.test(String(r[2])))).toBe(true);
  });

  it.each([
    '',
    'status=submitted',
    'category=repair',
    'buildingId=(building of A)',
    'status=submitted&category=repair',
    'status=rated',
  ])('needs (%s)', async (raw) => {
    const query = raw.replace('(building of A)', String(city.a.buildingId));
    const path = `/api/communities/${city.a.id}/needs`;
    const list = await listIds(adminA, path, query);
    const exported = await exportIds(adminA, `${path}/export.xlsx`, query);
    expect(exported.ids).toEqual(list);
    expect(exported.header.slice(0, 4)).toEqual(['编号', '标题', '类别', '状态']);
  });

  it.each(['', 'status=draft', 'status=published', 'status=cancelled'])('tasks (%s)', async (query) => {
    const path = `/api/communities/${city.a.id}/tasks`;
    const list = await listIds(adminA, path, query);
    const exported = await exportIds(adminA, `${path}/export.xlsx`, query);
    expect(list.length).toBeGreaterThan(0);
    expect(exported.ids).toEqual(list);
    expect(exported.header.slice(0, 5)).toEqual(['编号', '标题', '类型', '面向', '状态']);
  });

  it('the unit’s member records, for every filter', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow([...ROSTER_COLUMNS]);
    const regs: { name: string; phone_enc: string; user_id: unknown }[] = await t.ds.query(
      'SELECT name, user_id, phone_enc FROM registrations WHERE work_unit_id = ? ORDER BY id LIMIT 10',
      [city.unitA],
    );
    const { FieldCipher } = await import('../../src/platform/crypto/field-cipher');
    const cipher = new FieldCipher(t.config.fieldEncryptionKey);
    for (const r of regs) ws.addRow([r.name, cipher.decrypt(r.phone_enc), '一支部', null]);
    ws.addRow(['未报到甲', nextPhone(), '二支部', null]);
    await t
      .http()
      .post(`/api/units/${city.unitA}/roster`)
      .set(unitAdmin.auth)
      .attach('file', Buffer.from(await wb.xlsx.writeBuffer()), 'roster.xlsx')
      .expect(200);
    const path = `/api/units/${city.unitA}/member-records`;
    for (const query of ['', 'flag=not_registered', 'flag=no_service_90_days', 'flag=honours', 'year=2025']) {
      const list = await listIds(unitAdmin, path, query, 'key');
      const res = await download(unitAdmin, `${path}/export.xlsx${query ? `?${query}` : ''}`).expect(200);
      const { header, rows } = await sheet(res.body as Buffer);
      expect(header[0]).toBe('姓名');
      // Keys are not in the file; names and masked phones identify the rows (the list has them in the same order).
      const page = (
        await t
          .http()
          .get(`${path}?limit=200${query ? `&${query}` : ''}`)
          .set(unitAdmin.auth)
          .expect(200)
      ).body as MemberRecordsPage;
      expect(page.items.map((r) => r.key)).toEqual(list);
      expect(rows.map((r) => [r[0], r[1]])).toEqual(page.items.map((r) => [r.name, r.phone]));
    }
    const notRegistered = (await t.http().get(`${path}?flag=not_registered`).set(unitAdmin.auth).expect(200))
      .body as MemberRecordsPage;
    expect(notRegistered.items.map((r) => r.name)).toContain('未报到甲');
  });

  it('allows exports to the list’s readers only', async () => {
    await download(adminB, `/api/communities/${city.a.id}/registrations/export.xlsx`).expect(403);
    await download(adminB, `/api/communities/${city.a.id}/needs/export.xlsx`).expect(403);
    await download(adminB, `/api/communities/${city.a.id}/tasks/export.xlsx`).expect(403);
    await download(unitAdmin, `/api/communities/${city.a.id}/registrations/export.xlsx`).expect(403);
    await download(streetA, `/api/communities/${city.a.id}/registrations/export.xlsx`).expect(200);
    await download(streetA, `/api/communities/${city.b.id}/needs/export.xlsx`).expect(403);
    await download(adminB, `/api/units/${city.unitA}/member-records/export.xlsx`).expect(403);
    await t.http().get(`/api/communities/${city.a.id}/registrations/export.xlsx`).expect(401);
  });

  it('refuses filters the list refuses, and pagination parameters', async () => {
    const bad = await t
      .http()
      .get(`/api/communities/${city.a.id}/registrations/export.xlsx?status=nope`)
      .set(adminA.auth)
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    await t.http().get(`/api/communities/${city.a.id}/needs/export.xlsx?limit=5`).set(adminA.auth).expect(400);
    await t.http().get(`/api/communities/${city.a.gridId}/needs/export.xlsx`).set(adminA.auth).expect(400);
  });
});
