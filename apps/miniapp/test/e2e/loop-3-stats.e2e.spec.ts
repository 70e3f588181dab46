/**
 * The service loop, continued (after loop-1 and loop-2, on the same API): the statistics
 * (packageStats). The community admin's dashboard shows the loop's figures and exports them as
 * Excel; the unit admin (13800000005) uploads a roster with errors (per-row report, 只导入有效行),
 * reads the member records and a member's annual report.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { confirmModal, login, shot } from './harness';
import {
  ADMIN,
  MEMBER,
  MEMBER_NAME,
  NEED_TITLE,
  UNIT_ADMIN,
  earlier,
  loopWorld,
  noPageErrors,
  step,
} from './loop-world';

// exceljs is installed for the API (it writes the exports): used here to write a roster file.
interface Workbook {
  addWorksheet(name: string): { addRow(values: unknown[]): unknown };
  xlsx: { writeBuffer(): Promise<ArrayBuffer> };
}
const ExcelJS = require('exceljs') as { Workbook: new () => Workbook };

const w = loopWorld();
const api = w.api;
let admin: Page;
let unitAdmin: Page;

beforeAll(async () => {
  earlier('task2Id');
  admin = await w.loggedIn('admin', ADMIN);
}, 120_000);

describe('statistics in the browser (H5, 375 px)', () => {
  step('统计看板: the community admin sees the loop in the headline figures and exports them as Excel', async () => {
    await admin.goto(`${api.baseUrl}/pages/index/index`);
    await admin.getByRole('button', { name: /^统计看板/ }).click();
    await admin.waitForURL(/\/packageStats\/pages\/dashboard\/index/);
    await admin.getByText('桃园社区 · 统计看板').waitFor();
    // One verified service of 1 hour, rated 5 by the admin and by the resident; the need accepted and fulfilled.
    await admin.getByLabel('报到率：报到率按单位和区统计').waitFor();
    await admin.getByLabel(/^核验服务时长：1小时，核验服务1次，补录时长0小时/).waitFor();
    await admin.getByLabel(/^服务率：\d+(\.\d)?%，已报到\d+人，其中1人有核验服务$/).waitFor();
    await admin.getByLabel(/^满意率：100%/).waitFor();
    await admin.getByLabel('点单办结率：100%，受理1件，已办结1件').waitFor();
    await admin.getByLabel(/^受理用时（中位数）：\d/).waitFor();
    await admin.getByText('统计期内创建任务2个').waitFor();
    await admin.getByLabel(`第1名 ${MEMBER_NAME}，服务1次，1小时`).waitFor();
    await shot(admin, 'admin-dashboard', { full: true });

    const download = admin.waitForEvent('download');
    await admin.getByRole('button', { name: '导出Excel' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = readFileSync((await file.path()) as string);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip: the workbook itself, not an error body

    await admin.getByRole('tab', { name: '本年' }).click();
    await admin.locator('.st-period', { hasText: `${new Date().getFullYear()}年` }).waitFor();
    await admin.getByLabel(`第1名 ${MEMBER_NAME}，服务1次，1小时`).waitFor();
    await shot(admin, 'admin-dashboard-year', { full: true });
  });

  step(
    '单位: the unit admin uploads a roster with errors, imports the valid rows, reads member records and an annual report',
    async () => {
      unitAdmin = await w.newPhone('unit admin');
      await login(unitAdmin, api.baseUrl, UNIT_ADMIN);
      await shot(unitAdmin, 'unit-home', { full: true });

      // Roster: two valid rows (the member, registered; someone not registered) and two with errors.
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('名册');
      ws.addRow(['姓名', '手机号', '党支部', '职务']);
      ws.addRow([MEMBER_NAME, MEMBER, '第一党支部', '科员']);
      ws.addRow(['李四', '1380000', '第一党支部', '科员']);
      ws.addRow(['', '13900000001', '第二党支部', '']);
      ws.addRow(['王五', '13900000002', '第二党支部', '副科长']);
      const roster = Buffer.from(await wb.xlsx.writeBuffer());

      await unitAdmin.getByRole('button', { name: /^单位名册/ }).click();
      await unitAdmin.getByRole('button', { name: '下载名册模板' }).waitFor();
      const template = unitAdmin.waitForEvent('download');
      await unitAdmin.getByRole('button', { name: '下载名册模板' }).click();
      expect(
        readFileSync((await (await template).path()) as string)
          .subarray(0, 2)
          .toString('latin1'),
      ).toBe('PK');

      const chooser = unitAdmin.waitForEvent('filechooser');
      await unitAdmin.getByRole('button', { name: '选择名册文件并上传' }).click();
      await (
        await chooser
      ).setFiles({
        name: '税务局名册.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: roster,
      });
      await unitAdmin.getByText('名册共4行：有效2行，有错误的2行（共2处错误）').waitFor();
      await unitAdmin.locator('.st-error', { hasText: /^第3行「手机号」：/ }).waitFor();
      await unitAdmin.locator('.st-error', { hasText: /^第4行「姓名」：/ }).waitFor();
      await shot(unitAdmin, 'unit-roster-refused', { full: true });
      await unitAdmin.getByRole('button', { name: '只导入有效行（2行）' }).click();
      await confirmModal(unitAdmin);
      await unitAdmin.getByText('✓ 导入成功').waitFor();
      await unitAdmin.getByText('已导入2人，名册共4行，跳过有错误的2行，其中1人已在社区报到').waitFor();
      await shot(unitAdmin, 'unit-roster-imported', { full: true });

      await unitAdmin.getByRole('button', { name: '查看党员报回记录' }).click();
      await unitAdmin.waitForURL(/\/packageStats\/pages\/records\/index/);
      const memberItem = unitAdmin.locator('.item', { hasText: MEMBER_NAME });
      await memberItem.getByText('服务：1次').waitFor();
      await memberItem.getByText('核验时长：1小时').waitFor();
      await unitAdmin.locator('.item', { hasText: '王五' }).getByText('✕ 未报到').waitFor();
      await shot(unitAdmin, 'unit-member-records', { full: true });
      await unitAdmin.getByRole('radio', { name: '未报到' }).click();
      await memberItem.waitFor({ state: 'detached' });
      await unitAdmin.locator('.item', { hasText: '王五' }).waitFor();
      await shot(unitAdmin, 'unit-member-records-not-registered', { full: true });
      await unitAdmin.getByRole('radio', { name: '全部' }).click();

      await unitAdmin.getByRole('button', { name: `${MEMBER_NAME}的年度报告` }).click();
      await unitAdmin.getByText(`${MEMBER_NAME} · ${new Date().getFullYear()}年度报告`).waitFor();
      await unitAdmin.getByText('服务记录（1次）').waitFor();
      await unitAdmin.getByText(NEED_TITLE).waitFor();
      await shot(unitAdmin, 'unit-annual-report', { full: true });
      const popup = unitAdmin.waitForEvent('popup');
      await unitAdmin.getByRole('button', { name: '打开打印版' }).click();
      const printable = await popup;
      await printable.getByText(MEMBER_NAME).first().waitFor();
      await shot(printable, 'unit-annual-report-printable');
      await printable.close();

      // The unit's dashboard: 报到率 from the roster just imported (1 of 2 registered).
      await unitAdmin.goto(`${api.baseUrl}/packageStats/pages/dashboard/index`);
      await unitAdmin.getByLabel('报到率：50%，名册2人，已报到1人').waitFor();
      await shot(unitAdmin, 'unit-dashboard', { full: true });
    },
  );

  noPageErrors(w);
});
