import { join } from 'node:path';
import { consoleInChromium, settledCount, SHOTS_DIR } from './console-api';
import { chooseRoster, DEMO_ROSTER, readXlsx, ROSTER_HEADER, rosterXlsx } from './roster-file';

/** A unit admin at a 1440×900 desk: template, roster upload with its report, a 待核对 confirmed, member records exported. */
describe('the unit roster page in Chromium', () => {
  const c = consoleInChromium();

  it('should let a unit admin download the template and upload a roster with a per-row report', async () => {
    await c.page.setViewportSize({ width: 1440, height: 900 });
    await c.signIn('13800000005');
    await c.page.getByRole('menuitem', { name: '单位名册' }).click();
    await c.page.getByText('单位名册 · 市税务局').waitFor();
    await c.page.getByText('尚未上传名册').waitFor();

    const [template] = await Promise.all([
      c.page.waitForEvent('download'),
      c.page.getByRole('button', { name: '下载名册模板' }).click(),
    ]);
    expect(template.suggestedFilename()).toBe('单位党员名册模板.xlsx');
    expect((await readXlsx((await template.path())!))[0]).toEqual([...ROSTER_HEADER, '身份证号']);

    await chooseRoster(c.page, await rosterXlsx(DEMO_ROSTER));
    await c.page.getByText('已导入3行（共3行），已匹配1人，待核对1人').waitFor();
    const report = c.page.getByLabel('导入结果');
    await expect(report.getByRole('row', { name: /张建國/ }).textContent()).resolves.toMatch(
      /张建国（1\d{2}\*{4}\d{4}）同手机号，姓名不一致/,
    );
  });

  it('should show the match status and turn a confirmed 待核对 row into 已报到', async () => {
    const table = c.page.locator('.roster-table');
    const row = (name: string) => table.getByRole('row', { name: new RegExp(name) });
    await row('张建國').getByText('待核对').waitFor();
    await row('周海燕').getByText('已报到').waitFor();
    await row('钱未报').getByText('未报到').waitFor();
    await expect(row('钱未报').getByRole('button').count()).resolves.toBe(0);
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-rosters-1440.png') });

    await row('张建國').getByRole('button', { name: '确认匹配 张建國 是 张建国' }).click();
    await c.page.getByText('已确认 张建國').waitFor();
    await row('张建國').getByText('已报到').waitFor();
    await expect(row('张建國').getByRole('button').count()).resolves.toBe(0);
    expect(c.errors).toEqual([]);
  });

  it('should list the member records and export them as filtered', async () => {
    await c.page.getByRole('tab', { name: '队员记录' }).click();
    const records = c.page.locator('.member-records-table');
    await records.getByRole('row', { name: /张建國/ }).waitFor();
    await expect(records.getByRole('row', { name: /钱未报/ }).textContent()).resolves.toContain('未报到');
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-member-records-1440.png') });

    const [all] = await Promise.all([
      c.page.waitForEvent('download'),
      c.page.getByRole('button', { name: /^导\s*出$/ }).click(),
    ]);
    expect(all.suggestedFilename()).toBe('市税务局队员记录.xlsx');
    const rows = await readXlsx((await all.path())!);
    const names = rows.map((r) => r.find((v) => /^(张建國|周海燕|钱未报)$/.test(v))).filter(Boolean);
    expect(names).toEqual(expect.arrayContaining(['张建國', '周海燕', '钱未报']));

    // Filtered: only the members not registered.
    await c.page.locator('.ant-select', { has: c.page.getByRole('combobox', { name: '筛选' }) }).click();
    await c.page.locator('.ant-select-item-option[title="未报到"]').click();
    await records.getByRole('row', { name: /钱未报/ }).waitFor();
    await expect(settledCount(records.getByRole('row', { name: /张建國/ }), 0)).resolves.toBe(0);
    const [filtered] = await Promise.all([
      c.page.waitForEvent('download'),
      c.page.getByRole('button', { name: /^导\s*出$/ }).click(),
    ]);
    const only = (await readXlsx((await filtered.path())!)).flat();
    expect(only).toContain('钱未报');
    expect(only).not.toContain('张建國');
    expect(c.errors).toEqual([]);
  });
});
