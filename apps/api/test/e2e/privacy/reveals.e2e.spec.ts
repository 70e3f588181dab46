/**
 * 查看完整号码: POST /api/pii-reveals answers a full number, with a reason, to the staff who act on
 * the record (least privilege) and to nobody else; each reveal is an audit event.
 */
import {
  AuditAction,
  ErrorCode,
  PiiField,
  PiiObjectType,
  Role,
  type AuditEventDto,
  type CallupDto,
  type NeedDto,
} from '@sbd/contracts';
import { aCallup, createUser, type TestUser } from '../../support/factories';
import {
  ALICE_CONTACT,
  ALICE_PHONE,
  createPrivacyWorld,
  MEMBER_ID_NUMBER,
  MEMBER_PHONE,
  type PrivacyWorld,
} from './privacy-world';

describe('should reveal a full number only to the staff who act on the record, with a reason', () => {
  let w: PrivacyWorld;
  let need: NeedDto;
  let plain: NeedDto;
  let callup: CallupDto;
  let platformAdmin: TestUser;
  beforeAll(async () => {
    w = await createPrivacyWorld();
    platformAdmin = await createUser(w.t, { roles: [{ role: Role.PlatformAdmin, scopeNodeId: null }] });
    need = await w.post(w.alice, { contactPhone: ALICE_CONTACT });
    plain = await w.post(w.alice);
    callup = (await w.t.http().post('/api/callups').set(w.adminA.auth).send(aCallup(w.city.a)).expect(201))
      .body as CallupDto;
  });
  afterAll(() => w.t.close());

  /** The audit log's 'pii.reveal' events of an object, newest first, as a platform admin reads them. */
  const reveals = async (objectType: string, objectId: number): Promise<AuditEventDto[]> =>
    (
      await w.t
        .http()
        .get(`/api/audit-events?action=${AuditAction.PiiReveal}&objectType=${objectType}&objectId=${objectId}`)
        .set(platformAdmin.auth)
        .expect(200)
    ).body.items;

  const needPhone = (objectId = need.id) => ({
    objectType: PiiObjectType.Need,
    objectId,
    field: PiiField.ContactPhone,
    reason: '电话回访需求进展',
  });

  describe('needs (需求分拣)', () => {
    it('answers the community admin the contact phone, or the account’s when none was given', async () => {
      const res = await w.reveal(w.adminA, needPhone()).expect(201);
      const { reason: _, ...target } = needPhone();
      expect(res.body).toMatchObject({ ...target, value: ALICE_CONTACT, memberUserId: null });
      expect(new Date(res.body.revealedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect((await w.reveal(w.adminA, needPhone(plain.id)).expect(201)).body.value).toBe(ALICE_PHONE);
    });

    it('records each reveal in the audit log: who, which record and field, the reason, the address', async () => {
      await w.reveal(w.adminA, { ...needPhone(), reason: '  联系居民确认上门时间 ' }).expect(201);
      const [event] = await reveals('need', need.id);
      expect(event).toMatchObject({
        action: AuditAction.PiiReveal,
        actorUserId: w.adminA.id,
        actorRole: Role.CommunityAdmin,
        objectType: 'need',
        objectId: String(need.id),
        nodeId: w.city.a.id,
        detail: { field: PiiField.ContactPhone, reason: '联系居民确认上门时间' },
      });
      expect(event.ip).toMatch(/127\.0\.0\.1|::1/);
      expect(JSON.stringify(event)).not.toContain(ALICE_CONTACT);
    });

    it('refuses street overseers, another community’s admin and residents (403), and unknown needs (404)', async () => {
      const before = await w.t.counts();
      for (const user of [w.streetAdminA, w.adminB, w.alice, w.secretaryA]) {
        const res = await w.reveal(user, needPhone()).expect(403);
        expect(res.body).toEqual({
          code: ErrorCode.Forbidden,
          message: expect.stringMatching(/[\u4e00-\u9fa5]/),
          details: [],
        });
      }
      expect((await w.reveal(w.adminA, needPhone(999999)).expect(404)).body.message).toBe('需求不存在');
      expect(await w.t.counts()).toEqual(before);
    });

    it('requires a reason, in Chinese, and names the field', async () => {
      const before = await w.t.counts();
      for (const reason of [undefined, '', '   ']) {
        const res = await w.reveal(w.adminA, { ...needPhone(), reason }).expect(400);
        expect(res.body.code).toBe(ErrorCode.ValidationFailed);
        expect(res.body.details).toContainEqual({ field: 'reason', message: '请填写查看完整号码的原因' });
      }
      const long = await w.reveal(w.adminA, { ...needPhone(), reason: '因'.repeat(201) }).expect(400);
      expect(long.body.details).toEqual([{ field: 'reason', message: '原因不能超过200个字' }]);
      const wrongField = await w.reveal(w.adminA, { ...needPhone(), field: PiiField.IdNumber }).expect(400);
      expect(wrongField.body.details).toEqual([{ field: 'field', message: '该记录没有这项号码' }]);
      const wrongType = await w.reveal(w.adminA, { ...needPhone(), objectType: 'user' as PiiObjectType }).expect(400);
      expect(wrongType.body.details).toEqual([{ field: 'objectType', message: '请选择要查看号码的记录类型' }]);
      expect(await w.t.counts()).toEqual(before);
    });
  });

  describe('registrations (报到)', () => {
    const reg = (field: PiiField) => ({
      objectType: PiiObjectType.Registration,
      objectId: w.registration.id,
      field,
      reason: '核实报到信息',
    });

    it('answers the community admin the phone and the ID number, each an audit event', async () => {
      expect((await w.reveal(w.adminA, reg(PiiField.Phone)).expect(201)).body.value).toBe(MEMBER_PHONE);
      expect((await w.reveal(w.adminA, reg(PiiField.IdNumber)).expect(201)).body.value).toBe(MEMBER_ID_NUMBER);
      const events = await reveals('registration', w.registration.id);
      expect(events.map((e) => e.detail?.field)).toEqual([PiiField.IdNumber, PiiField.Phone]);
    });

    it('answers the branch secretary the phone, never the ID number', async () => {
      expect((await w.reveal(w.secretaryA, reg(PiiField.Phone)).expect(201)).body.value).toBe(MEMBER_PHONE);
      await w.reveal(w.secretaryA, reg(PiiField.IdNumber)).expect(403);
    });

    it('refuses overseers and another community’s admin', async () => {
      for (const user of [w.streetAdminA, w.adminB, w.alice]) await w.reveal(user, reg(PiiField.Phone)).expect(403);
      await w.reveal(w.adminA, { ...reg(PiiField.Phone), objectId: 999999 }).expect(404);
    });
  });

  describe('call-ups (应急召集)', () => {
    const member = () => ({
      objectType: PiiObjectType.Callup,
      objectId: callup.id,
      field: PiiField.Phone,
      memberUserId: w.member.id,
      reason: '电话通知集合',
    });

    it('answers the caller a called member’s phone, and audits it with the member', async () => {
      const res = await w.reveal(w.adminA, member()).expect(201);
      expect(res.body).toMatchObject({ value: MEMBER_PHONE, memberUserId: w.member.id });
      const [event] = await reveals('callup', callup.id);
      expect(event.detail).toEqual({ field: PiiField.Phone, reason: '电话通知集合', memberUserId: w.member.id });
    });

    it('names the member, who must be called up by it, and refuses callers of elsewhere', async () => {
      const { memberUserId: _, ...noMember } = member();
      const res = await w.reveal(w.adminA, noMember).expect(400);
      expect(res.body.details).toEqual([{ field: 'memberUserId', message: '请选择召集中的党员' }]);
      await w.reveal(w.adminA, { ...member(), memberUserId: w.alice.id }).expect(404);
      await w.reveal(w.adminB, member()).expect(403);
      await w.reveal(w.member, member()).expect(403);
    });
  });
});
