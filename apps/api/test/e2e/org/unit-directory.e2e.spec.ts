/**
 * The city-wide unit directory: a member living in one district who works for a unit of another
 * picks that unit when registering; staff link a hand-typed unit name to a real unit (归并), after
 * which the member counts in that unit's numbers.
 */
import {
  AuditAction,
  ErrorCode,
  OrgNodeType,
  Role,
  type MemberRecordsPage,
  type OrgNodeDto,
  type Page,
  type RegistrationDto,
  type WorkUnitDirectoryEntryDto,
} from '@sbd/contracts';
import { aRegistration, createUser, type TestUser } from '../../support/factories';
import { registerAs } from '../../support/verified';
import { createOrgWorld, type OrgWorld } from './org-world';

describe('the city-wide unit directory (单位库)', () => {
  let w: OrgWorld;
  let otherDistrict: OrgNodeDto;
  let taxHere: OrgNodeDto;
  let taxThere: OrgNodeDto;
  let unitAdminThere: TestUser;
  const search = (u: TestUser | null, query: string) => {
    const req = w.t.http().get(`/api/work-units?${query}`);
    return u ? req.set(u.auth) : req;
  };
  const unit = async (name: string, parentId: number) =>
    (await w.createNode(w.platform, { type: OrgNodeType.WorkUnit, name, parentId }).expect(201)).body as OrgNodeDto;
  const recordsOf = async (unitId: number, as: TestUser) =>
    (await w.t.http().get(`/api/units/${unitId}/member-records`).set(as.auth).expect(200)).body as MemberRecordsPage;

  beforeAll(async () => {
    w = await createOrgWorld();
    otherDistrict = (await w.createNode(w.platform, { type: OrgNodeType.District, name: '港闸区' }).expect(201)).body;
    taxHere = await unit('测试区税务局', w.city.districtId);
    taxThere = await unit('港闸区税务局', otherDistrict.id);
    unitAdminThere = await createUser(w.t, { roles: [{ role: Role.UnitAdmin, scopeNodeId: taxThere.id }] });
  });
  afterAll(() => w.t.close());

  describe('searching', () => {
    it('finds units of every district by part of the name, with their district, for any signed-in user', async () => {
      const member = await createUser(w.t);
      const res = await search(member, `q=${encodeURIComponent('税务')}`).expect(200);
      const page = res.body as Page<WorkUnitDirectoryEntryDto>;
      expect(page.items).toEqual([
        { id: taxHere.id, name: '测试区税务局', districtId: w.city.districtId, districtName: '测试区' },
        { id: taxThere.id, name: '港闸区税务局', districtId: otherDistrict.id, districtName: '港闸区' },
      ]);
      expect(page.nextCursor).toBeNull();
      await search(null, `q=${encodeURIComponent('税务')}`).expect(401);
    });

    it('pages by id and leaves closed units out', async () => {
      const closed = await unit('已撤销税务所', otherDistrict.id);
      await w.t.http().post(`/api/org/nodes/${closed.id}/close`).set(w.platform.auth).send({}).expect(200);
      const first = (await search(w.resident, `q=${encodeURIComponent('税务')}&limit=1`).expect(200)).body;
      expect(first.items.map((u: WorkUnitDirectoryEntryDto) => u.id)).toEqual([taxHere.id]);
      const second = (
        await search(w.resident, `q=${encodeURIComponent('税务')}&limit=1&cursor=${first.nextCursor}`).expect(200)
      ).body;
      expect(second.items.map((u: WorkUnitDirectoryEntryDto) => u.id)).toEqual([taxThere.id]);
      expect(second.nextCursor).toBeNull();
    });

    it('wants at least 2 characters, and treats % and _ as plain text', async () => {
      const short = await search(w.resident, `q=${encodeURIComponent('税')}`).expect(400);
      expect(short.body).toMatchObject({
        code: ErrorCode.ValidationFailed,
        details: [{ field: 'q', message: '请至少输入2个字' }],
      });
      await search(w.resident, `q=${encodeURIComponent('  ')}`).expect(400);
      expect((await search(w.resident, 'q=%25%25').expect(200)).body.items).toEqual([]);
      expect((await search(w.resident, 'q=__').expect(200)).body.items).toEqual([]);
    });
  });

  describe('registering with a unit of another district', () => {
    it('lets a member who lives in 测试区 register with the 港闸区 unit they work for', async () => {
      const member = await createUser(w.t);
      const res = await registerAs(
        w.t,
        member,
        aRegistration(w.city.a, { workUnitId: taxThere.id, workUnitName: undefined }),
      );
      expect(res.body).toMatchObject({ workUnitId: taxThere.id, workUnitName: '港闸区税务局' });
      const records = await recordsOf(taxThere.id, unitAdminThere);
      expect(records.items.map((r) => r.registrationId)).toContain(res.body.id);
    });
  });

  describe('linking a hand-typed unit name (归并)', () => {
    let typed: RegistrationDto;

    beforeAll(async () => {
      const member = await createUser(w.t);
      typed = (await registerAs(w.t, member, aRegistration(w.city.a, { workUnitName: '港闸税务' }))).body;
    });

    it('lets the community admin link it, after which the member counts in that unit’s records', async () => {
      expect((await recordsOf(taxThere.id, unitAdminThere)).items.map((r) => r.registrationId)).not.toContain(typed.id);
      const res = await w.t
        .http()
        .post(`/api/registrations/${typed.id}/work-unit`)
        .set(w.adminA.auth)
        .send({ workUnitId: taxThere.id })
        .expect(200);
      expect(res.body).toMatchObject({ id: typed.id, workUnitId: taxThere.id, workUnitName: '港闸区税务局' });
      expect((await recordsOf(taxThere.id, unitAdminThere)).items.map((r) => r.registrationId)).toContain(typed.id);

      const [event] = await w.t.ds.query('SELECT * FROM audit_events WHERE action = ? AND object_id = ?', [
        AuditAction.RegistrationLinkUnit,
        String(typed.id),
      ]);
      expect(event.actor_user_id).toBe(w.adminA.id);
      expect(JSON.parse(String(event.detail))).toMatchObject({ typedName: '港闸税务', workUnitId: taxThere.id });

      const again = await w.t
        .http()
        .post(`/api/registrations/${typed.id}/work-unit`)
        .set(w.adminA.auth)
        .send({ workUnitId: taxHere.id })
        .expect(409);
      expect(again.body.message).toBe('该报到已关联单位，无需归并');
    });

    it('should not let the admin of another community, a unit admin or the member link it', async () => {
      const member = await createUser(w.t);
      const reg = (await registerAs(w.t, member, aRegistration(w.city.a, { workUnitName: '某单位' }))).body;
      const before = await w.t.counts();
      for (const u of [w.adminB, unitAdminThere, member]) {
        const res = await w.t
          .http()
          .post(`/api/registrations/${reg.id}/work-unit`)
          .set(u.auth)
          .send({ workUnitId: taxThere.id })
          .expect(403);
        expect(res.body.code).toBe(ErrorCode.Forbidden);
      }
      const notAUnit = await w.t
        .http()
        .post(`/api/registrations/${reg.id}/work-unit`)
        .set(w.adminA.auth)
        .send({ workUnitId: w.city.streetA })
        .expect(400);
      expect(notAUnit.body.details).toEqual([{ field: 'workUnitId', message: '所选工作单位不存在' }]);
      expect(await w.t.counts()).toEqual(before);
    });
  });
});
