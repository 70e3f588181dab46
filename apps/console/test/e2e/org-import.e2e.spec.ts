import { ORG_IMPORT_COLUMNS } from '@sbd/contracts';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { consoleInChromium, SHOTS_DIR } from './console-api';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An import file built here, as an admin would fill in the template. */
async function orgFile(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('组织');
  ws.addRow([...ORG_IMPORT_COLUMNS]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A district admin imports streets, communities and units from .xlsx on 组织与人员 (1440×900). */
describe('importing the org tree in Chromium', () => {
  const c = consoleInChromium();
  const dialog = () => c.page.getByRole('dialog', { name: /导入组织/ });
  const reportRows = () => dialog().locator('.org-import-report tbody tr.ant-table-row');
  /** Opens a tree node; a click while the tree still animates the last one open is ignored by antd, so wait. */
  const expand = async (name: RegExp) => {
    await c.page.locator('.ant-tree-treenode-motion').waitFor({ state: 'detached' });
    await c.page.getByRole('treeitem', { name }).locator('.ant-tree-switcher').click();
    await c.page.getByRole('treeitem', { name, expanded: true }).waitFor();
  };
  const choose = async (name: string, buffer: Buffer) =>
    dialog().locator('input[type=file]').setInputFiles({ name, mimeType: XLSX, buffer });

  it('downloads the template and shows a bad file’s per-row report, errors in red, creating nothing', async () => {
    await c.page.setViewportSize({ width: 1440, height: 900 });
    await c.signIn('13800000002');
    await c.page.getByRole('menuitem', { name: '组织与人员' }).click();
    await c.page.getByText('人员 · 崇川区').waitFor();
    await c.page.getByRole('button', { name: '导入组织' }).click();
    await dialog().getByText('导入组织 · 崇川区').waitFor();

    const [file] = await Promise.all([
      c.page.waitForEvent('download'),
      dialog().getByRole('button', { name: '下载模板' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('崇川区组织导入模板.xlsx');

    await choose(
      '有错误.xlsx',
      await orgFile([
        ['界面导入街道', '界面导入一社区', null, null],
        [null, '没有街道的社区', null, null],
      ]),
    );
    await dialog().getByText('文件有1处错误，未导入任何组织').waitFor();
    const bad = reportRows().filter({ hasText: '填写了社区，请同时填写所属街道' });
    await bad.getByText('错误', { exact: true }).waitFor();
    expect(await bad.getAttribute('class')).toContain('org-import-error');
    await reportRows()
      .filter({ hasText: '界面导入街道 / 界面导入一社区' })
      .getByText('未导入', { exact: true })
      .waitFor();
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-org-import-errors.png') });
  });

  it('imports a good file: the report says 新建 and the tree shows the new street and units', async () => {
    await choose(
      '组织.xlsx',
      await orgFile([
        ['界面导入街道', '界面导入一社区', null, null],
        ['界面导入街道', '界面导入二社区', '界面导入网格', null],
        ['和平桥街道', '界面导入三社区', null, null],
        [null, null, null, '界面导入单位'],
      ]),
    );
    await dialog().getByText('导入完成，共4行：新建6个组织，0行已存在').waitFor();
    await reportRows()
      .filter({ hasText: '界面导入街道 / 界面导入二社区 / 界面导入网格' })
      .getByText('新建', { exact: true })
      .waitFor();
    expect(await reportRows().count()).toBe(4);
    expect(await dialog().locator('tr.org-import-error').count()).toBe(0);
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-org-import-done.png') });

    // The same file again: nothing new, every row 已存在.
    await choose(
      '组织.xlsx',
      await orgFile([
        ['界面导入街道', '界面导入一社区', null, null],
        [null, null, null, '界面导入单位'],
      ]),
    );
    await dialog().getByText('导入完成，共2行：新建0个组织，2行已存在').waitFor();
    await dialog()
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    await dialog().waitFor({ state: 'hidden' });

    const tree = c.page.getByRole('tree');
    await expand(/崇川区（区\/县）/);
    await tree.getByText('界面导入单位（单位）').waitFor();
    await expand(/界面导入街道（街道）/);
    await tree.getByText('界面导入一社区（社区）').waitFor();
    await tree.getByText('界面导入二社区（社区）').waitFor();
    await expand(/和平桥街道（街道）/);
    await tree.getByText('界面导入三社区（社区）').waitFor();
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-org-import-tree.png') });
    expect(c.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });
});
