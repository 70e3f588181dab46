import { ORG_IMPORT_COLUMNS } from '@sbd/contracts';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { consoleInChromium, SHOTS_DIR } from './console-api';
import { chooseRoster, DEMO_ROSTER, rosterXlsx } from './roster-file';
import { servedTask, verifiedService } from './screen-service';

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core'), 'utf8');

/** axe-core's critical and serious violations on the page as it is, one readable line per element. */
async function violations(page: Page): Promise<string[]> {
  // Evaluated rather than added as a <script> (page.addScriptTag): the console's CSP allows no inline script.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<unknown> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })) as { violations: AxeViolation[] };
  });
  return found.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `[${v.impact}] ${v.id}: ${v.help} @ ${n.target.join(' ')}\n    ${(n.failureSummary ?? '').replace(/\n/g, '\n    ')}`,
      ),
    );
}

/**
 * Waits until nothing on the page is mid-transition or mid-animation (a spinner that turns forever
 * aside): axe reads a colour half-way through a fade as low contrast, and what it checks should be
 * what the user looks at once the page is still.
 */
async function stillPage(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
  );
}

/** Every console page (login, home, registrations, needs, tasks, call-ups, verification, stats, audit, org and its import dialog, screen, rosters) passes axe-core with no critical or serious violation. */
describe('the console pages under axe-core', () => {
  const c = consoleInChromium(async (s) => {
    await verifiedService(s, '13800000004', '13800000006', '为独居老人送午餐');
    await servedTask(s, '13800000004', ['13800000007'], '楼道卫生清扫'); // 待核验 on 服务核验
  });
  /** Page → its violations; each test expects none on its pages at its end (all pages get checked). */
  let found: Record<string, string[]> = {};
  const check = async (what: string) => {
    await stillPage(c.page);
    found[what] = await violations(c.page);
    if (found[what].length) console.log(`${what}:\n${found[what].join('\n')}`);
  };
  const expectNone = () => {
    const problems = Object.entries(found).filter(([, v]) => v.length);
    found = {}; // one test's findings are not the next one's
    expect(problems).toEqual([]);
  };
  const open = async (menu: string, ready: string | RegExp) => {
    await c.page.getByRole('menuitem', { name: menu }).click();
    await c.page.getByText(ready).first().waitFor();
  };

  it('the login page', async () => {
    await c.page.goto(`${c.api.baseUrl}/console`);
    await c.page.getByLabel('手机号').waitFor();
    await check('登录');
    expectNone();
  });

  it('a community secretary’s home, registrations, needs, verification and statistics', async () => {
    await c.signIn('13800000004');
    await c.page.getByText('您好').waitFor();
    await check('工作台');
    await open('报到审核', /报到审核/);
    await c.page.locator('.ant-table').first().waitFor();
    await check('报到审核');
    await open('需求分拣', /待审核/);
    await check('需求分拣');
    await open('服务核验', /批量核验/);
    await c.page.getByRole('row', { name: /周海燕/ }).waitFor();
    await check('服务核验');
    // An open Select: its dropdown list (antd draws it in a portal) must pass too.
    await c.page.locator('.ant-select', { has: c.page.getByRole('combobox', { name: '核验状态' }) }).click();
    await c.page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
    // The visible items themselves are the options (not a hidden copy), so a screen reader lists them all.
    await c.page.getByRole('listbox').getByRole('option', { name: '已缺席' }).waitFor();
    // Once its opening animation is over (mid-fade, its text is still half transparent).
    await c.page.locator('.ant-select-dropdown:visible:not([class*="-enter"]):not([class*="-appear"])').waitFor();
    await check('服务核验 · 展开的下拉框');
    await c.page.keyboard.press('Escape');
    await c.page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });
    await open('任务管理', '任务发布');
    await c.page.getByRole('row', { name: /楼道卫生清扫/ }).waitFor();
    await check('任务管理');
    await c.page.getByRole('button', { name: '发布任务' }).click();
    const map = c.page.getByRole('application', { name: '任务地点地图' });
    await map.click();
    await map.focus();
    await c.page.keyboard.press('ArrowUp');
    await check('发布任务（地图选点）');
    await c.page
      .locator('.ant-drawer-content')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await open('应急召集', '发起召集');
    await check('应急召集');
    await c.page.getByRole('button', { name: '发起召集' }).click();
    await c.page.getByRole('dialog').getByLabel('召集事由').waitFor();
    await check('发起召集');
    await c.page
      .getByRole('dialog')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await open('统计', '统计 · 桃园社区');
    await c.page.locator('.stats-chart canvas').waitFor();
    await check('统计');
    await c.page.getByRole('button', { name: /退出登录/ }).click();
    await c.page.getByLabel('手机号').waitFor();
    expectNone();
  });

  it('a district admin’s audit log, org tree, screen entry and district screen', async () => {
    await c.signIn('13800000002');
    await open('审计日志', /审计日志/);
    await c.page.locator('.ant-table').first().waitFor();
    await check('审计日志');
    await open('组织与人员', '人员 · 崇川区');
    await c.page.locator('.ant-table tbody tr').first().waitFor();
    await check('组织与人员');
    await c.page.getByRole('button', { name: '导入组织' }).click();
    const bad = new ExcelJS.Workbook();
    bad.addWorksheet('组织').addRows([[...ORG_IMPORT_COLUMNS], ['新街道', '新社区'], [null, '没有街道的社区']]);
    await c.page.locator('.ant-modal input[type=file]').setInputFiles({
      name: '组织.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await bad.xlsx.writeBuffer()),
    });
    await c.page.locator('.org-import-error').waitFor();
    // The upload button fades back from its loading state (opacity .65, antd's 0.2 s transition).
    await c.page.waitForFunction(() =>
      [...document.querySelectorAll('.ant-modal .ant-btn-primary')].every((b) => getComputedStyle(b).opacity === '1'),
    );
    await check('导入组织');
    await c.page
      .locator('.ant-modal')
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    await c.page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await open('数据大屏', '打开数据大屏');
    await check('数据大屏入口');
    await c.page.getByRole('button', { name: '打开数据大屏' }).click();
    await c.page.locator('.screen-trend canvas').waitFor();
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-screen-1366.png') });
    await c.page.getByText('为独居老人送午餐').first().waitFor();
    await check('数据大屏');
    expectNone();
    // The one 400 is the import file refused on purpose (its report is what axe checked).
    expect(c.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    expect(c.errors.length).toBeLessThanOrEqual(1);
    c.errors.length = 0;
  });

  it('a unit admin’s roster page with an upload report and a 待核对 row, and the member records', async () => {
    await c.page.goto(`${c.api.baseUrl}/console`);
    await c.page.getByRole('button', { name: /退出登录/ }).click();
    await c.signIn('13800000005');
    await open('单位名册', '单位名册 · 市税务局');
    await c.page.getByText('尚未上传名册').waitFor();
    await check('单位名册（空）');
    await chooseRoster(c.page, await rosterXlsx(DEMO_ROSTER));
    await c.page
      .locator('.roster-table')
      .getByRole('row', { name: /张建國/ })
      .getByText('待核对')
      .waitFor();
    await c.page.locator('.ant-btn-loading').waitFor({ state: 'detached' });
    // The 名册已导入 toast fades (axe reads its half-transparent text as low contrast).
    await c.page.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await check('单位名册');
    await c.page.getByRole('tab', { name: '队员记录' }).click();
    await c.page
      .locator('.member-records-table')
      .getByRole('row', { name: /钱未报/ })
      .waitFor();
    await check('队员记录');
    expectNone();
    expect(c.errors).toEqual([]);
  });
});
