/**
 * Phone and ID numbers are masked for staff too: need contacts in 需求分拣, registrations, call-up
 * groups and the muster spreadsheet show 138****8000 to everyone but the number's owner; the full
 * number takes an audited reveal (reveals.e2e.spec.ts), or for the muster list a reason.
 */
import { AuditAction, RegistrationStatus, type CallupDto, type NeedDto, type RegistrationDto } from '@sbd/contracts';
import ExcelJS from 'exceljs';
import { AuditEventEntity } from '../../../src/platform/audit/entities/audit-event.entity';
import { aCallup } from '../../support/factories';
import { binaryParser } from '../../support/test-app';
import { ALICE_CONTACT, createPrivacyWorld, MASKED_PHONE, MEMBER_PHONE, type PrivacyWorld } from './privacy-world';

const MASKED_ID = /^\d{6}\*{8}\d{3}[\dX]$/;

describe('should show staff masked numbers only, and the owner their own in full', () => {
  let w: PrivacyWorld;
  let need: NeedDto;
  beforeAll(async () => {
    w = await createPrivacyWorld();
    need = await w.post(w.alice, { contactPhone: ALICE_CONTACT });
  });
  afterAll(() => w.t.close());

  it('masks a need’s contact in 需求分拣 and its detail for every staff member, not for the resident', async () => {
    const list = await w.t.http().get(`/api/communities/${w.city.a.id}/needs`).set(w.adminA.auth).expect(200);
    expect(list.body.items.find((n: NeedDto) => n.id === need.id).contactPhone).toBe('138****8000');
    for (const staff of [w.adminA, w.streetAdminA]) {
      const res = await w.t.http().get(`/api/needs/${need.id}`).set(staff.auth).expect(200);
      expect(res.body).toMatchObject({ requesterName: '张秀兰', contactPhone: '138****8000' });
    }
    const own = await w.t.http().get(`/api/needs/${need.id}`).set(w.alice.auth).expect(200);
    expect(own.body.contactPhone).toBe(ALICE_CONTACT);
  });

  it('masks the phone staff typed for a resident who is not online (代点单), to them as well', async () => {
    const proxied = await w.post(w.adminA, { onBehalfOf: { name: '王秀英', phone: '13955556666' } });
    expect(proxied).toMatchObject({ onBehalf: true, requesterName: '王秀英', contactPhone: '139****6666' });
    const mine = await w.t.http().get('/api/needs/mine').set(w.adminA.auth).expect(200);
    expect(mine.body.items.find((n: NeedDto) => n.id === proxied.id).contactPhone).toBe('139****6666');
  });

  it('masks registrations’ phones and ID numbers for the community, the branch and the unit', async () => {
    const list = await w.t
      .http()
      .get(`/api/communities/${w.city.a.id}/registrations?status=${RegistrationStatus.Approved}`)
      .set(w.adminA.auth)
      .expect(200);
    const reg = list.body.items.find((r: RegistrationDto) => r.id === w.registration.id);
    expect(reg.phone).toMatch(MASKED_PHONE);
    expect(reg.idNumber).toMatch(MASKED_ID);
    const branch = await w.t
      .http()
      .get(`/api/branches/${w.city.a.branchId}/members`)
      .set(w.secretaryA.auth)
      .expect(200);
    expect(branch.body.map((m: { phone: string }) => m.phone)).toEqual(['137****3333']);
    const mine = await w.t.http().get('/api/registrations/me').set(w.member.auth).expect(200);
    expect(mine.body.phone).toBe(MEMBER_PHONE);
  });

  describe('the muster list (花名册) of a call-up', () => {
    let callup: CallupDto;
    beforeAll(async () => {
      callup = (await w.t.http().post('/api/callups').set(w.adminA.auth).send(aCallup(w.city.a)).expect(201))
        .body as CallupDto;
      await w.t.http().post(`/api/callups/${callup.id}/respond`).set(w.member.auth).send({ response: 'available' });
      await w.t.http().post(`/api/callups/${callup.id}/groups`).set(w.adminA.auth).send({ groupSize: 5 }).expect(200);
    });

    const musterPhones = async (query = ''): Promise<string[]> => {
      const res = await w.t
        .http()
        .get(`/api/callups/${callup.id}/muster.xlsx${query}`)
        .set(w.adminA.auth)
        .buffer(true)
        .parse(binaryParser)
        .expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('花名册')!;
      return ws.getColumn(2).values.slice(2).map(String);
    };

    it('masks the groups’ phones and the spreadsheet’s by default', async () => {
      const res = await w.t.http().get(`/api/callups/${callup.id}`).set(w.adminA.auth).expect(200);
      expect(res.body.groups[0].members).toEqual([{ userId: w.member.id, name: '李红梅', phone: '137****3333' }]);
      expect(await musterPhones()).toEqual(['137****3333']);
    });

    it('gives full numbers only with a reason, audited, and refuses a blank one', async () => {
      expect(await musterPhones(`?reason=${encodeURIComponent('电话通知集合')}`)).toEqual([MEMBER_PHONE]);
      const [event] = await w.t.ds.getRepository(AuditEventEntity).find({
        where: { action: AuditAction.PiiReveal, objectId: String(callup.id) },
        order: { id: 'DESC' },
      });
      expect(event).toMatchObject({
        actorUserId: w.adminA.id,
        objectType: 'callup',
        nodeId: w.city.a.id,
        detail: { field: 'phone', reason: '电话通知集合', export: 'muster.xlsx', rows: 1 },
      });
      // Without a reason: masked, recorded as a download only, no reveal.
      const before = await w.t.counts();
      await musterPhones();
      expect(await w.t.counts()).toEqual({ ...before, audit_events: before.audit_events + 1 });
      const [latest] = await w.t.ds.getRepository(AuditEventEntity).find({ order: { id: 'DESC' }, take: 1 });
      expect(latest).toMatchObject({ action: AuditAction.ExportDownload, detail: { fullPhones: false } });
      const blank = await w.t
        .http()
        .get(`/api/callups/${callup.id}/muster.xlsx?reason=%20`)
        .set(w.adminA.auth)
        .expect(400);
      expect(blank.body.details).toContainEqual({ field: 'reason', message: '请填写查看完整号码的原因' });
    });
  });
});
