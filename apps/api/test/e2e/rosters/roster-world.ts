/**
 * A work unit's 单位党员名册: unit A with four approved members and one pending registration, the admins of every level,
 * and helpers to build an .xlsx roster, upload it, and read it back.
 */
import { ROSTER_COLUMNS, Role, type RosterEntryDto } from '@sbd/contracts';
import ExcelJS from 'exceljs';
import { toDbDate } from '../../../src/platform/database/sql';
import { RegistrationEntity } from '../../../src/identity/registration/entities/registration.entity';
import { buildCity, createApprovedMembers, createUser, type City, type TestUser } from '../../support/factories';
import { createTestApp, type TestApp } from '../../support/test-app';

export type Cell = string | number | null;

/** An .xlsx roster: `header` then `rows`, on the first sheet. */
export async function xlsx(header: Cell[], rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  if (header.length) ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
export const HEADER = [...ROSTER_COLUMNS];
export const hoursAgo = (h: number) => toDbDate(new Date(Date.now() - h * 3_600_000));

export async function createRosterWorld() {
  const upload = (file: Buffer, opts: { unitId?: number; as?: TestUser; confirm?: boolean; filename?: string } = {}) =>
    t
      .http()
      .post(`/api/units/${opts.unitId ?? city.unitA}/roster${opts.confirm ? '?confirmValidOnly=true' : ''}`)
      .set((opts.as ?? unitAdmin).auth)
      .attach('file', file, {
        filename: opts.filename ?? 'roster.xlsx',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
  const rosterOf = async (unitId = city.unitA, as = unitAdmin): Promise<RosterEntryDto[]> => {
    const out: RosterEntryDto[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: RosterEntryDto[]; nextCursor: string | null } } = await t
        .http()
        .get(`/api/units/${unitId}/roster?limit=200${cursor ? `&cursor=${cursor}` : ''}`)
        .set(as.auth)
        .expect(200);
      out.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return out;
  };
  const confirmed = async (u: TestUser) =>
    !!(await t.ds.getRepository(RegistrationEntity).findOneByOrFail({ userId: u.id })).unitConfirmed;
  const nameOf = (i: number) => `成员${i}`;

  const t: TestApp = await createTestApp();
  const city: City = await buildCity(t);
  const unitAdmin: TestUser = await createUser(t, { roles: [{ role: Role.UnitAdmin, scopeNodeId: city.unitA }] });
  const unitAdminB: TestUser = await createUser(t, { roles: [{ role: Role.UnitAdmin, scopeNodeId: city.unitB }] });
  const districtAdmin: TestUser = await createUser(t, {
    roles: [{ role: Role.DistrictAdmin, scopeNodeId: city.districtId }],
  });
  const streetAdmin: TestUser = await createUser(t, { roles: [{ role: Role.StreetAdmin, scopeNodeId: city.streetA }] });
  const communityAdmin: TestUser = await createUser(t, {
    roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }],
  });
  /** Approved members of unit A (community A) and one pending registration naming unit A. */
  const members: TestUser[] = await createApprovedMembers(t, city.a, 4, { unitId: city.unitA });
  const [pending] = await createApprovedMembers(t, city.a, 1, { unitId: city.unitA });
  for (const [i, u] of [...members, pending].entries()) {
    await t.ds.query('UPDATE registrations SET name = ? WHERE user_id = ?', [nameOf(i + 1), u.id]);
  }
  await t.ds.query("UPDATE registrations SET status = 'pending', approved_at = NULL WHERE user_id = ?", [pending.id]);

  return {
    t,
    city,
    unitAdmin,
    unitAdminB,
    districtAdmin,
    streetAdmin,
    communityAdmin,
    members,
    pending,
    upload,
    rosterOf,
    confirmed,
    nameOf,
  };
}

export type RosterWorld = Awaited<ReturnType<typeof createRosterWorld>>;
