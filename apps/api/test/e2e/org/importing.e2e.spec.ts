/**
 * 导入组织: a district admin uploads streets, communities, grids and units from the template; the
 * missing ones are created, existing ones reused (a second import creates nothing), a file with any
 * bad row creates nothing and answers the per-row report, and only admins of the node may import.
 */
import {
  AuditAction,
  ErrorCode,
  ORG_IMPORT_COLUMNS,
  OrgImportRowStatus,
  OrgNodeType,
  type OrgImportReport,
  type OrgNodeDto,
} from '@sbd/contracts';
import ExcelJS from 'exceljs';
import type { TestUser } from '../../support/factories';
import { createOrgWorld, type OrgWorld } from './org-world';

type Cell = string | null;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function xlsx(rows: Cell[][], header: string[] = [...ORG_IMPORT_COLUMNS]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('组织');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Two streets (one new), three communities, a grid and two units. */
const GOOD: Cell[][] = [
  ['甲街道', null, null, null],
  ['甲街道', '导入一社区', null, null],
  ['甲街道', '导入一社区', '导入一网格', null],
  ['导入新街道', '导入二社区', null, null],
  ['导入新街道', '导入三社区', null, null],
  [null, null, null, '导入第一单位'],
  [null, null, null, '导入第二单位'],
];

describe('importing the org tree from .xlsx (导入组织)', () => {
  let w: OrgWorld;
  const upload = (u: TestUser, nodeId: number, file: Buffer, filename = 'org.xlsx', contentType = XLSX) =>
    w.t.http().post(`/api/org/nodes/${nodeId}/import`).set(u.auth).attach('file', file, { filename, contentType });
  const children = async (id: number): Promise<OrgNodeDto[]> =>
    (await w.t.http().get(`/api/org/nodes/${id}/children`).set(w.districtAdmin.auth).expect(200)).body;
  const named = async (parentId: number, name: string) => (await children(parentId)).find((n) => n.name === name);

  beforeAll(async () => {
    w = await createOrgWorld();
  });
  afterAll(() => w.t.close());

  it('serves the template with the four columns to the district admin', async () => {
    const res = await w.t
      .http()
      .get(`/api/org/nodes/${w.city.districtId}/import-template.xlsx`)
      .set(w.districtAdmin.auth)
      .buffer(true)
      .parse((r, cb) => {
        const parts: Buffer[] = [];
        r.on('data', (c: Buffer) => parts.push(c));
        r.on('end', () => cb(null, Buffer.concat(parts)));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, ...ORG_IMPORT_COLUMNS]);
    await w.t.http().get(`/api/org/nodes/${w.city.a.id}/import-template.xlsx`).set(w.adminA.auth).expect(403);
  });

  it('creates the missing streets, communities, grids and units, and the tree shows them', async () => {
    const res = await upload(w.districtAdmin, w.city.districtId, await xlsx(GOOD)).expect(200);
    const report = res.body as OrgImportReport;
    expect(report).toMatchObject({ total: 7, created: 7, existing: 1, errors: [] });
    expect(report.rows.map((r) => [r.row, r.status])).toEqual([
      [2, OrgImportRowStatus.Existing],
      [3, OrgImportRowStatus.Created],
      [4, OrgImportRowStatus.Created],
      [5, OrgImportRowStatus.Created],
      [6, OrgImportRowStatus.Created],
      [7, OrgImportRowStatus.Created],
      [8, OrgImportRowStatus.Created],
    ]);
    expect(report.rows[3]).toMatchObject({
      type: OrgNodeType.Community,
      path: '导入新街道 / 导入二社区',
      created: ['导入新街道', '导入新街道 / 导入二社区'],
    });

    const street = await named(w.city.districtId, '导入新街道');
    expect(street?.type).toBe(OrgNodeType.Street);
    expect((await children(street!.id)).map((n) => n.name)).toEqual(['导入二社区', '导入三社区']);
    const one = await named(w.city.streetA, '导入一社区');
    expect(one).toMatchObject({ type: OrgNodeType.Community, closedAt: null });
    expect(one?.code).toMatch(/^C[0-9A-F]{8}$/);
    expect((await children(one!.id)).map((n) => [n.name, n.type])).toEqual([['导入一网格', OrgNodeType.Grid]]);
    const units = (await children(w.city.districtId)).filter((n) => n.type === OrgNodeType.WorkUnit);
    expect(units.map((u) => u.name)).toEqual(expect.arrayContaining(['导入第一单位', '导入第二单位']));
    // New communities get the default positions, as when created by hand.
    const positions = await w.t.http().get(`/api/communities/${one!.id}/positions`).set(w.districtAdmin.auth);
    expect(positions.body).toHaveLength(8);

    const events = (await w.t.ds.query('SELECT * FROM audit_events WHERE action = ? AND object_id = ?', [
      AuditAction.OrgCreate,
      String(street!.id),
    ])) as Record<string, unknown>[];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_user_id: w.districtAdmin.id });
    expect(JSON.parse(String(events[0].detail))).toMatchObject({ name: '导入新街道', source: 'import', row: 5 });
  });

  it('creates nothing when the same file is imported again: every row is 已存在', async () => {
    const before = await w.t.counts();
    const res = await upload(w.districtAdmin, w.city.districtId, await xlsx(GOOD)).expect(200);
    expect(res.body).toMatchObject({ total: 7, created: 0, existing: 7, errors: [] });
    expect((res.body as OrgImportReport).rows.every((r) => r.status === OrgImportRowStatus.Existing)).toBe(true);
    expect(await w.t.counts()).toEqual(before);
  });

  it('answers a file with bad rows with the per-row report in Chinese and creates nothing', async () => {
    const before = await w.t.counts();
    const res = await upload(
      w.districtAdmin,
      w.city.districtId,
      await xlsx([
        ['坏文件街道', '坏文件社区', null, null],
        [null, '没有街道的社区', null, null],
        ['坏文件街道', `${'长'.repeat(101)}`, null, null],
        [null, null, null, '重复单位'],
        [null, null, null, '重复单位'],
        ['坏文件街道', null, null, '同行单位'],
      ]),
    ).expect(400);
    expect(res.body).toMatchObject({ code: ErrorCode.ValidationFailed, message: '文件有5处错误，未导入任何组织' });
    const report = res.body.report as OrgImportReport;
    expect(report.created).toBe(0);
    expect(report.errors).toEqual([
      { row: 3, column: '街道', message: '填写了社区，请同时填写所属街道' },
      { row: 4, column: '社区', message: '社区名称不能超过100个字' },
      { row: 5, column: '', message: '与第6行重复' },
      { row: 6, column: '', message: '与第5行重复' },
      { row: 7, column: '单位名称', message: '单位直属区/县，请把单位和街道、社区、网格分行填写' },
    ]);
    expect(report.rows.map((r) => r.status)).toEqual([
      OrgImportRowStatus.Skipped,
      ...Array(5).fill(OrgImportRowStatus.Error),
    ]);
    expect(report.rows[1]).toMatchObject({ path: '没有街道的社区', type: OrgNodeType.Community, created: [] });
    expect(report.rows[1].errors[0].message).toBe('填写了社区，请同时填写所属街道');
    expect(await w.t.counts()).toEqual(before);
  });

  it('reports a closed node on the way as an error of its row', async () => {
    const street = await named(w.city.districtId, '导入新街道');
    await w.t.http().post(`/api/org/nodes/${street!.id}/close`).set(w.districtAdmin.auth).send({}).expect(200);
    const res = await upload(
      w.districtAdmin,
      w.city.districtId,
      await xlsx([['导入新街道', '导入四社区', null, null]]),
    );
    expect(res.status).toBe(400);
    expect(res.body.report.errors).toEqual([
      { row: 2, column: '街道', message: '街道「导入新街道」已撤销，请先恢复该街道再导入' },
    ]);
    await w.t.http().post(`/api/org/nodes/${street!.id}/reopen`).set(w.districtAdmin.auth).send({}).expect(200);
  });

  it('lets a street admin import into their street only, and reports other streets as out of scope', async () => {
    const res = await upload(
      w.streetAdminA,
      w.city.streetA,
      await xlsx([
        ['甲街道', '街道导入社区', null, null],
        ['乙街道', '越权社区', null, null],
      ]),
    ).expect(400);
    expect(res.body.report.errors).toEqual([
      { row: 3, column: '街道', message: '街道「乙街道」不在本次导入的范围「甲街道」内，无权导入' },
    ]);
    const ok = await upload(w.streetAdminA, w.city.streetA, await xlsx([['甲街道', '街道导入社区', null, null]]));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ created: 1 });

    const file = await xlsx([['乙街道', '越权社区', null, null]]);
    const before = await w.t.counts();
    const other = await upload(w.streetAdminA, w.city.streetB, file).expect(403);
    expect(other.body.message).toBe('无权向该组织导入');
    await upload(w.streetAdminA, w.city.districtId, file).expect(403);
    await upload(w.adminA, w.city.a.id, file).expect(403);
    await upload(w.resident, w.city.districtId, file).expect(403);
    expect(await w.t.counts()).toEqual(before);
  });

  it('lets the platform admin import into the district, and refuses a community as the target', async () => {
    const res = await upload(w.platform, w.city.districtId, await xlsx([[null, null, null, '平台导入单位']]));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1 });
    const wrong = await upload(w.platform, w.city.a.id, await xlsx([[null, null, null, '平台导入单位']])).expect(400);
    expect(wrong.body.message).toBe('只能向区/县或街道导入组织');
  });

  it('refuses a file that is not .xlsx, a wrong header and a missing file, in Chinese', async () => {
    const before = await w.t.counts();
    const csv = await upload(
      w.districtAdmin,
      w.city.districtId,
      Buffer.from('街道,社区\n甲,乙\n'),
      'org.csv',
      'text/csv',
    );
    expect(csv.status).toBe(400);
    expect(csv.body).toMatchObject({
      code: ErrorCode.ValidationFailed,
      message: '只支持 .xlsx 格式的 Excel 文件，请下载组织导入模板填写后上传',
    });
    const header = await upload(w.districtAdmin, w.city.districtId, await xlsx([], ['街道', '社区', '备注'])).expect(
      400,
    );
    expect(header.body.report.errors).toEqual(
      expect.arrayContaining([
        { row: 1, column: '备注', message: '不认识的列「备注」，组织导入只能包含：街道、社区、网格、单位名称' },
        { row: 1, column: '网格', message: '缺少「网格」列，请使用组织导入模板' },
      ]),
    );
    const missing = await w.t.http().post(`/api/org/nodes/${w.city.districtId}/import`).set(w.districtAdmin.auth);
    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe('请选择要上传的组织导入文件（.xlsx）');
    expect(await w.t.counts()).toEqual(before);
  });

  it('refuses a 5 MB junk upload cleanly, in Chinese', async () => {
    const junk = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(5 * 1024 * 1024, 1)]);
    const res = await upload(w.districtAdmin, w.city.districtId, junk);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: ErrorCode.ValidationFailed, message: '组织导入文件不能超过5MB' });
    // Under the limit but not a workbook: unreadable, not a 500.
    const small = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(1024, 7)]);
    const unreadable = await upload(w.districtAdmin, w.city.districtId, small).expect(400);
    expect(unreadable.body.message).toBe('文件无法读取，请确认是 .xlsx 格式的组织导入模板');
  });
});
