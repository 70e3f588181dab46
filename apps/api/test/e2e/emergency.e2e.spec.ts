import { CallupResponse, CallupStatus, NotificationKind, Role, type CallupDto } from '@sbd/contracts';
import ExcelJS from 'exceljs';
import { NotificationEntity } from '../../src/messaging/notifications/entities/notification.entity';
import { aCallup, buildCity, createApprovedMembers, createUser, type City, type TestUser } from '../support/factories';
import { binaryParser, createTestApp, type TestApp } from '../support/test-app';

describe('应急式: emergency call-ups', () => {
  let t: TestApp;
  let city: City;
  let admin: TestUser;
  let membersA: TestUser[];
  let memberB: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildCity(t);
    admin = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
    membersA = await createApprovedMembers(t, city.a, 7);
    [memberB] = await createApprovedMembers(t, city.b, 1);
  });
  afterAll(() => t.close());

  /** A call-up of six people for the rain storm, to everyone under `scopeNodeId`. */
  const callupTo = (scopeNodeId: number) =>
    aCallup(city.a, { scopeNodeId, description: '地下车库进水，需要党员协助转移车辆和沙袋封堵', needed: 6 });

  it('one tap notifies every approved member in scope, and nobody outside it', async () => {
    const res = await t.http().post('/api/callups').set(admin.auth).send(callupTo(city.a.id)).expect(201);
    const callup = res.body as CallupDto;
    expect(callup).toMatchObject({ status: CallupStatus.Open, notifiedCount: 7, availableCount: 0 });
    const notified = await t.ds.getRepository(NotificationEntity).findBy({ kind: NotificationKind.EmergencyCallup });
    const users = new Set(notified.filter((n) => n.payload.entityId === callup.id).map((n) => n.userId));
    expect(users).toEqual(new Set(membersA.map((m) => m.id)));
    await t
      .http()
      .post(`/api/callups/${callup.id}/respond`)
      .set(memberB.auth)
      .send({ response: 'available' })
      .expect(403);
  });

  it('members answer, responders are grouped, and the muster list exports to Excel', async () => {
    const callup = (await t.http().post('/api/callups').set(admin.auth).send(callupTo(city.a.id)).expect(201))
      .body as CallupDto;
    for (const [i, m] of membersA.entries()) {
      const response = i < 5 ? CallupResponse.Available : CallupResponse.Unavailable;
      await t
        .http()
        .post(`/api/callups/${callup.id}/respond`)
        .set(m.auth)
        .send({ response, etaMinutes: 10 + i })
        .expect(200);
    }
    const mine = await t.http().get('/api/callups/mine').set(membersA[0].auth).expect(200);
    expect(mine.body.find((c: CallupDto) => c.id === callup.id).myResponse).toBe('available');
    const grouped = (
      await t.http().post(`/api/callups/${callup.id}/groups`).set(admin.auth).send({ groupSize: 2 }).expect(200)
    ).body as CallupDto;
    expect(grouped).toMatchObject({ availableCount: 5, unavailableCount: 2 });
    expect(grouped.groups.map((g) => g.members.length)).toEqual([2, 2, 1]);
    expect(grouped.groups[0].leaderUserId).toBe(membersA[0].id);
    await t.http().post(`/api/callups/${callup.id}/groups`).set(membersA[0].auth).send({ groupSize: 2 }).expect(403);

    const xlsx = await t
      .http()
      .get(`/api/callups/${callup.id}/muster.xlsx`)
      .set(admin.auth)
      .buffer(true)
      .parse(binaryParser)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('花名册')!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '姓名',
      '手机号',
      '工作单位',
      '功能型党支部',
      '回复',
      '预计到达（分钟）',
      '回复时间',
      '编组',
    ]);
    expect(ws.rowCount).toBe(1 + 7);
    const responses = [2, 3, 4, 5, 6, 7, 8].map((r) => ws.getRow(r).getCell(5).value);
    expect(responses.filter((v) => v === '能到')).toHaveLength(5);
    // Masked by default: full numbers only with a reason (see test/e2e/privacy).
    expect(String(ws.getRow(2).getCell(2).value)).toMatch(/^1\d{2}\*{4}\d{4}$/);

    await t.http().post(`/api/callups/${callup.id}/close`).set(admin.auth).expect(200);
    const late = await t
      .http()
      .post(`/api/callups/${callup.id}/respond`)
      .set(membersA[6].auth)
      .send({ response: 'available' })
      .expect(409);
    expect(late.body.message).toBe('召集已结束，不能再回复');
  });

  it('lists the call-ups of a node for its staff, and keeps each member’s arrival time', async () => {
    const callup = (await t.http().post('/api/callups').set(admin.auth).send(callupTo(city.a.id)).expect(201))
      .body as CallupDto;
    await t
      .http()
      .post(`/api/callups/${callup.id}/respond`)
      .set(membersA[1].auth)
      .send({ response: 'available', etaMinutes: 15 })
      .expect(200);
    const mine = (await t.http().get(`/api/callups/${callup.id}`).set(membersA[1].auth).expect(200)).body as CallupDto;
    expect(mine).toMatchObject({ myResponse: 'available', myEtaMinutes: 15 });
    const list = (await t.http().get(`/api/callups?scopeNodeId=${city.a.id}`).set(admin.auth).expect(200))
      .body as CallupDto[];
    expect(list.map((c) => c.id)).toContain(callup.id);
    await t.http().get(`/api/callups?scopeNodeId=${city.a.id}`).set(membersA[0].auth).expect(403);
  });

  it('should not let a community admin of B call up members of A', async () => {
    const adminB = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.b.id }] });
    await t.http().post('/api/callups').set(adminB.auth).send(callupTo(city.a.id)).expect(403);
  });

  it('a street admin calls up every community of the street', async () => {
    const street = await createUser(t, { roles: [{ role: Role.StreetAdmin, scopeNodeId: city.streetA }] });
    const res = await t.http().post('/api/callups').set(street.auth).send(callupTo(city.streetA)).expect(201);
    expect(res.body.notifiedCount).toBe(7);
  });
});
