/**
 * The service loop in a real browser (the acceptance test): 居民点单 → 社区下单 → 党员接单 →
 * 活动评单, on the H5 build served by the real API (built, SQLite, demo city), three people on
 * three phones (separate browser contexts, 375×812):
 *
 *   resident 13800000008 posts a need with a photo                      → 待审核 (H5: no WeChat check)
 *   member   13800000006 is shown it as "同一件事" later and says +1
 *   admin    13800000004 accepts it (release + accept in one tap) and publishes a task from it
 *            starting within the next 10 minutes (check-in opens 30 minutes before the start)
 *   member   finds the task in the feed, claims it, checks in with the code read off the admin's
 *            check-in screen, and checks out with the next code
 *   admin    verifies the hours with a 5-star rating, completes the task (the need is fulfilled)
 *   resident rates the service
 *   member   sees 1 verified hour and the points on the hours and points pages
 * and then: an emergency call-up answered 能到 and grouped; a branch secretary (13800000007) claims a
 * one-slot task for the branch, the member joins the waitlist, the secretary withdraws, the member
 * is promoted, sees the hold countdown and confirms; then the statistics (packageStats): the
 * community admin's dashboard shows the loop's figures and exports them as Excel, and the unit admin
 * (13800000005) uploads a roster with errors (per-row report, 只导入有效行), reads the member records
 * and a member's annual report; every new page is checked in 长辈版.
 *
 * Credited hours are the check-in/check-out time inside the task window, rounded down to the half
 * hour, and a verified service with 0 hours earns no points (domain pointsForVerifiedService). So
 * between check-in and check-out the test moves the claim's checked_in_at 65 minutes back, and the
 * task's (and claim's) window start 90 minutes back, directly in the SQLite file: the member then
 * gets 1 credited hour → 10 points (perHour 10), plus 5 for the 5-star rating = 15.
 *
 * Screenshots of every step go to test/e2e/screenshots/ (git-ignored). The API is stopped at the
 * end whatever happens. Run: npm run e2e (needs apps/api/dist and dist/h5).
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  accessibilityProblems,
  assertBuilt,
  confirmModal,
  fromDbDate,
  launchBrowser,
  login,
  phone,
  samplePng,
  shot,
  startApi,
  toDbDate,
  type RunningApi,
} from './harness';

// better-sqlite3 is installed for the API; no type package in the workspace.
interface SqliteDb {
  prepare(sql: string): {
    run(...params: unknown[]): { changes: number };
    get(...params: unknown[]): Record<string, unknown> | undefined;
  };
  pragma(s: string): unknown;
  close(): void;
}
const Database = require('better-sqlite3') as new (file: string) => SqliteDb;
// exceljs is installed for the API (it writes the exports): used here to write a roster file.
interface Workbook {
  addWorksheet(name: string): { addRow(values: unknown[]): unknown };
  xlsx: { writeBuffer(): Promise<ArrayBuffer> };
}
const ExcelJS = require('exceljs') as { Workbook: new () => Workbook };

const RESIDENT = '13800000008';
const ADMIN = '13800000004';
const MEMBER = '13800000006';
const MEMBER_NAME = '张建国';
const SECRETARY = '13800000007';
const UNIT_ADMIN = '13800000005';
const TASK2_TITLE = '社区政策宣讲';
const NEED_TITLE = '3号楼楼道灯坏了';

let api: RunningApi;
let browser: Browser;
const contexts: BrowserContext[] = [];
let resident: Page;
let admin: Page;
let member: Page;
const pageErrors: string[] = [];

let needId = 0;
let taskId = 0;
let task2Id = 0;
let secretary: Page;
let unitAdmin: Page;
let broken = '';

/** Steps run in order; after a failure the rest are reported as skipped at once (no timeouts). */
function step(name: string, fn: () => Promise<void>, timeout = 90_000): void {
  it(
    name,
    async () => {
      if (broken) throw new Error(`not run: an earlier step failed (${broken})`);
      try {
        await fn();
      } catch (err) {
        broken = name;
        throw err;
      }
    },
    timeout,
  );
}

async function newPhone(who: string, elderly = false): Promise<Page> {
  const context = await phone(browser, { elderly });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${who}: ${e.message}`));
  page.setDefaultTimeout(20_000);
  return page;
}

/** Waits until an input shows `expected` (prefilled asynchronously). */
async function waitForValue(input: Locator, expected: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let value = '';
  while (Date.now() < deadline) {
    value = await input.inputValue();
    if (value === expected) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`expected input value ${JSON.stringify(expected)}, got ${JSON.stringify(value)}`);
}

/** The code on the admin's check-in screen right now (it rotates every 30 s). */
async function currentCode(): Promise<string> {
  const text = (await admin.locator('.code-digits').textContent()) ?? '';
  const code = text.replace(/\s+/g, '');
  expect(code).toMatch(/^\d{6}$/);
  return code;
}

beforeAll(async () => {
  assertBuilt();
  api = await startApi();
  browser = await launchBrowser();
  resident = await newPhone('resident');
  admin = await newPhone('admin');
  member = await newPhone('member');
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await api?.stop();
}, 30_000);

describe('service loop in the browser (H5, 375 px)', () => {
  step('the resident logs in and posts a need with a photo', async () => {
    await login(resident, api.baseUrl, RESIDENT);
    await shot(resident, 'resident-home', { full: true });
    await resident.getByRole('button', { name: /^我要点单/ }).click();
    await resident.getByRole('radio', { name: '维修服务' }).click();
    await resident.getByLabel('需求标题').fill(NEED_TITLE);
    await resident
      .getByLabel('具体情况')
      .locator('textarea')
      .fill('3号楼2单元3楼的楼道灯坏了一个星期，晚上上下楼看不见，老人容易摔倒。');
    await resident.getByLabel('具体位置').fill('3号楼2单元3楼楼道');
    const chooser = resident.waitForEvent('filechooser');
    await resident.getByRole('button', { name: '添加照片' }).click();
    await (await chooser).setFiles({ name: 'light.png', mimeType: 'image/png', buffer: samplePng() });
    await resident.getByRole('button', { name: '删除照片1' }).waitFor();
    await shot(resident, 'resident-post-form', { full: true });

    await resident.getByRole('button', { name: '提交需求' }).click();
    await resident.waitForURL(/\/packageResident\/pages\/need\/index\?id=\d+/);
    needId = Number(new URL(resident.url()).searchParams.get('id'));
    expect(needId).toBeGreaterThan(0);
    await resident.locator('.badge', { hasText: '待审核' }).first().waitFor();
    await resident.getByText('内容审核中，社区工作人员审核后即公开受理').first().waitFor();
    await shot(resident, 'resident-need-held', { full: true });
  });

  step('the community admin accepts it in one tap (release + accept)', async () => {
    await login(admin, api.baseUrl, ADMIN);
    await shot(admin, 'admin-home', { full: true });
    await admin.getByRole('button', { name: /^需求分拣/ }).click();
    const accept = admin.getByRole('button', { name: `受理：${NEED_TITLE}` });
    await accept.waitFor();
    await shot(admin, 'admin-triage-held', { full: true });
    await accept.click();
    await accept.waitFor({ state: 'detached' });
    await admin.getByRole('radio', { name: /^已受理/ }).click();
    await admin.getByRole('checkbox', { name: `选中“${NEED_TITLE}”发布任务` }).click();
    await admin.getByRole('button', { name: '用选中的 1 条需求发布任务' }).waitFor();
    await shot(admin, 'admin-triage-accepted-selected', { full: true });
  });

  step('a member posting the same thing is offered "同一件事 +1" before submitting', async () => {
    await login(member, api.baseUrl, MEMBER);
    await member.getByRole('button', { name: /^我要点单/ }).click();
    await member.getByRole('radio', { name: '维修服务' }).click();
    await member.getByLabel('需求标题').fill(NEED_TITLE);
    const plus = member.getByRole('button', { name: `同一件事 +1：${NEED_TITLE}` });
    await plus.waitFor();
    await shot(member, 'member-duplicate-suggested', { full: true });
    await plus.click();
    await member.getByText('✓ 已 +1（共1人）').waitFor();
    await shot(member, 'member-duplicate-plus-one');
  });

  step('the admin publishes a task from the accepted need, starting within 10 minutes', async () => {
    await admin.getByRole('button', { name: '用选中的 1 条需求发布任务' }).click();
    await admin.waitForURL(/\/packageAdmin\/pages\/publish\/index\?needIds=/);
    await waitForValue(admin.getByLabel('任务名称'), NEED_TITLE);
    await expect(admin.getByRole('radio', { name: /^稍后开始/ }).getAttribute('aria-checked')).resolves.toBe('true');
    await shot(admin, 'admin-publish-form', { full: true });
    await admin.getByRole('button', { name: '发布任务', exact: true }).click();
    await admin.waitForURL(/\/packageAdmin\/pages\/task\/index\?id=\d+/);
    taskId = Number(new URL(admin.url()).searchParams.get('id'));
    await admin.getByText('还没有人报名').waitFor();
    await shot(admin, 'admin-task-published', { full: true });
  });

  step('the member finds it in the task feed and claims it', async () => {
    await member.goto(`${api.baseUrl}/pages/index/index`);
    await member.getByRole('button', { name: /^任务大厅/ }).click();
    const item = member.getByRole('button', { name: `${NEED_TITLE}，点按查看详情并报名` });
    await item.waitFor();
    await shot(member, 'member-feed', { full: true });
    await item.click();
    await member.getByRole('button', { name: '我要报名' }).click();
    await member.getByLabel('签到码').waitFor();
    await member.getByText('已报名，请按时到场签到').waitFor();
    await shot(member, 'member-task-claimed', { full: true });
  });

  step('the member checks in by typing the code from the admin’s check-in screen', async () => {
    await admin.getByRole('button', { name: '打开现场签到码' }).click();
    await admin.locator('.code-digits').waitFor();
    await admin.getByText(/秒后更换/).waitFor();
    await shot(admin, 'admin-checkin-code');
    await member.getByLabel('签到码').fill(await currentCode());
    await member.getByRole('button', { name: '输入码签到' }).click();
    await member.getByText('已签到，服务结束后请签退').waitFor();
    await shot(member, 'member-checked-in', { full: true });
  });

  step('…an hour later (moved in the database) the member checks out with the next code', async () => {
    // See the header: 65 minutes inside the window make 1 credited hour (rounded down to the half hour).
    const db = new Database(api.sqlitePath);
    try {
      db.pragma('busy_timeout = 5000');
      const claim = db.prepare('SELECT id, checked_in_at FROM claims WHERE task_id = ?').get(taskId) as {
        id: number;
        checked_in_at: string;
      };
      const task = db.prepare('SELECT starts_at FROM tasks WHERE id = ?').get(taskId) as { starts_at: string };
      const start = toDbDate(new Date(fromDbDate(task.starts_at).getTime() - 90 * 60_000));
      const checkedIn = toDbDate(new Date(Date.now() - 65 * 60_000));
      expect(db.prepare('UPDATE tasks SET starts_at = ? WHERE id = ?').run(start, taskId).changes).toBe(1);
      expect(
        db.prepare('UPDATE claims SET starts_at = ?, checked_in_at = ? WHERE id = ?').run(start, checkedIn, claim.id)
          .changes,
      ).toBe(1);
    } finally {
      db.close();
    }
    await member.reload();
    await member.getByLabel('签退码').waitFor();
    await member.getByLabel('签退码').fill(await currentCode());
    await member.getByRole('button', { name: '输入码签退' }).click();
    await member.getByText('已签退，等待社区核验服务时长').waitFor();
    await member.getByText('服务时长：1小时').waitFor();
    await shot(member, 'member-checked-out', { full: true });
  });

  step('the admin verifies the hours with a 5-star rating and completes the task', async () => {
    await admin.goto(`${api.baseUrl}/packageAdmin/pages/task/index?id=${taskId}`);
    await admin.getByText('1 人已签退，待核验服务时长').waitFor();
    await admin.getByText('计入时长：1小时（窗口内、按半小时向下取整）').waitFor();
    await admin.getByRole('radio', { name: '5分，非常满意' }).click();
    await shot(admin, 'admin-verify-form', { full: true });
    await admin.getByRole('button', { name: `核验通过：${MEMBER_NAME}` }).click();
    await admin.getByText('已核验 · 积分 15 · 评价 5分（非常满意）').waitFor();
    await admin.getByRole('button', { name: '完成任务' }).click();
    await confirmModal(admin);
    await admin.locator('.badge', { hasText: '已完成' }).first().waitFor();
    await shot(admin, 'admin-task-completed', { full: true });
  });

  step('the resident sees the need fulfilled and rates the service', async () => {
    await resident.goto(`${api.baseUrl}/packageResident/pages/need/index?id=${needId}`);
    await resident.getByText('服务已完成，请您评价；如果问题没解决，请点“没解决”').first().waitFor();
    await shot(resident, 'resident-need-fulfilled', { full: true });
    await resident.getByRole('radio', { name: '5分，非常满意' }).click();
    await resident.getByLabel('说说您的感受（选填）').locator('textarea').fill('第二天就修好了，谢谢党员同志！');
    await resident.getByRole('button', { name: '已解决，提交评价' }).click();
    await resident.locator('.badge', { hasText: '已评价' }).first().waitFor();
    await resident.getByText('5分（非常满意）').waitFor();
    await shot(resident, 'resident-need-rated', { full: true });
    await resident.goto(`${api.baseUrl}/pages/inbox/index`);
    await resident.getByText('需求已办结').first().waitFor();
    await shot(resident, 'resident-inbox', { full: true });
  });

  step('the member’s hours and points pages show the verified service', async () => {
    await member.goto(`${api.baseUrl}/packageMember/pages/hours/index`);
    await member.locator('.stat', { hasText: '核验时长' }).getByText('1小时').waitFor();
    await member.locator('.stat', { hasText: '补录时长' }).getByText('0小时').waitFor();
    await member.getByText('签到签退、经社区核验，共1次服务').waitFor();
    await shot(member, 'member-hours', { full: true });
    await member.goto(`${api.baseUrl}/packageMember/pages/points/index`);
    await member.getByText('15 分', { exact: true }).waitFor();
    await member.locator('.ledger-item', { hasText: '服务核验' }).getByText('+10 分').waitFor();
    await member.locator('.ledger-item', { hasText: '好评奖励' }).getByText('+5 分').waitFor();
    await shot(member, 'member-points', { full: true });
  });

  step('应急召集: the admin calls members up, the member answers 能到, the admin groups the responders', async () => {
    await admin.goto(`${api.baseUrl}/packageAdmin/pages/callup/index`);
    await admin.getByLabel('召集事由').fill('暴雨防汛应急集结');
    await admin.getByLabel('任务说明').locator('textarea').fill('转移低洼处车辆，清理3号楼地下室积水，请穿雨靴。');
    await admin.getByLabel('集合地点').fill('桃园社区党群服务中心');
    await admin.getByRole('button', { name: '一键召集' }).click();
    await confirmModal(admin);
    await admin.getByText(/已通知 2 人，未回复 2 人/).waitFor();
    await shot(admin, 'admin-callup-created', { full: true });

    await member.goto(`${api.baseUrl}/packageMember/pages/callup/index`);
    await member.getByText('暴雨防汛应急集结').waitFor();
    await member.getByRole('button', { name: '能到', exact: true }).click();
    await member.getByText('您的回复：能到（约30分钟到达）').waitFor();
    // The arrival time comes back from the API after a reload.
    await member.reload();
    await member.getByText('您的回复：能到（约30分钟到达）').waitFor();
    await shot(member, 'member-callup-answered', { full: true });

    // The staff list comes from the API (GET /api/callups?scopeNodeId=), not from this phone.
    await admin.reload();
    await admin.getByText('本社区的召集').waitFor();
    await admin.getByText(/已通知 2 人，未回复 1 人/).waitFor();
    await admin.getByRole('button', { name: '按回复编组' }).click();
    await admin.getByText(`第1组：${MEMBER_NAME}（组长）`).waitFor();
    await shot(admin, 'admin-callup-grouped', { full: true });
  });

  step('支部书记 claims a one-slot task for the branch; the member joins the waitlist', async () => {
    await admin.goto(`${api.baseUrl}/packageAdmin/pages/publish/index`);
    await admin.getByLabel('任务名称').fill(TASK2_TITLE);
    await admin.getByLabel('服务内容').locator('textarea').fill('向居民讲解医保、养老新政策，发放宣传册。');
    await admin.getByLabel('服务地点').fill('桃园社区党群服务中心二楼');
    await admin.getByRole('radio', { name: '明天 09:00' }).click();
    await admin.getByRole('button', { name: '减少名额' }).click();
    await admin.getByLabel('名额：1人').waitFor();
    await admin.getByRole('button', { name: '发布任务', exact: true }).click();
    await admin.waitForURL(/\/packageAdmin\/pages\/task\/index\?id=\d+/);
    task2Id = Number(new URL(admin.url()).searchParams.get('id'));

    secretary = await newPhone('secretary');
    await login(secretary, api.baseUrl, SECRETARY);
    await secretary.getByRole('button', { name: /^支部报名/ }).click();
    await secretary.getByRole('button', { name: `${TASK2_TITLE}，点按查看详情并报名` }).click();
    await secretary.getByRole('button', { name: '为支部报名并指派党员' }).click();
    await secretary.getByRole('checkbox', { name: '周海燕（本人）' }).click();
    await secretary.getByRole('button', { name: '为支部报名（1人）' }).click();
    await secretary.getByText('报名结果').waitFor();
    await shot(secretary, 'secretary-branch-claimed', { full: true });

    await member.goto(`${api.baseUrl}/packageMember/pages/task/index?id=${task2Id}`);
    await member.getByRole('button', { name: '加入候补' }).click();
    await member.getByText('候补第 1 位').waitFor();
    await shot(member, 'member-waitlisted', { full: true });
  });

  step('the secretary withdraws: the member is promoted, sees the hold countdown and confirms', async () => {
    await secretary.goto(`${api.baseUrl}/packageMember/pages/claims/index`);
    await secretary.getByRole('button', { name: '退出报名' }).click();
    await confirmModal(secretary);
    await secretary.getByText('没有进行中的报名').waitFor();

    await member.goto(`${api.baseUrl}/packageMember/pages/claims/index`);
    await member.getByText(/^剩余 1小时5\d分$/).waitFor();
    await shot(member, 'member-hold-countdown', { full: true });
    await member.getByRole('button', { name: '确认参加' }).click();
    await member.getByText('已报名，请按时到场签到').waitFor();
    await member.getByText(/开始前30分钟可签到/).waitFor();
    await shot(member, 'member-hold-confirmed', { full: true });
  });

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

    await admin.getByRole('radio', { name: '本年' }).click();
    await admin.locator('.st-period', { hasText: `${new Date().getFullYear()}年` }).waitFor();
    await admin.getByLabel(`第1名 ${MEMBER_NAME}，服务1次，1小时`).waitFor();
    await shot(admin, 'admin-dashboard-year', { full: true });
  });

  step(
    '单位: the unit admin uploads a roster with errors, imports the valid rows, reads member records and an annual report',
    async () => {
      unitAdmin = await newPhone('unit admin');
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

  step(
    '长辈版: the new pages keep ≥ 18 px text, ≥ 60 px tap targets and fit 375 px',
    async () => {
      const checks: [string, string, string][] = [
        [RESIDENT, '/packageResident/pages/post/index', 'elderly-post-need'],
        [RESIDENT, `/packageResident/pages/need/index?id=${needId}`, 'elderly-need'],
        [MEMBER, '/packageMember/pages/tasks/index', 'elderly-feed'],
        [MEMBER, `/packageMember/pages/task/index?id=${taskId}`, 'elderly-task'],
        [MEMBER, '/packageMember/pages/claims/index', 'elderly-claims'],
        [MEMBER, '/packageMember/pages/points/index', 'elderly-points'],
        [ADMIN, '/packageAdmin/pages/needs/index', 'elderly-triage'],
        [ADMIN, `/packageAdmin/pages/task/index?id=${taskId}`, 'elderly-admin-task'],
        [ADMIN, '/pages/index/index', 'elderly-admin-home'],
        [RESIDENT, '/packageResident/pages/needs/index', 'elderly-my-needs'],
        [RESIDENT, '/pages/inbox/index', 'elderly-inbox'],
        [MEMBER, '/packageMember/pages/hours/index', 'elderly-hours'],
        [MEMBER, '/packageMember/pages/callup/index', 'elderly-member-callup'],
        [ADMIN, '/packageAdmin/pages/tasks/index', 'elderly-admin-tasks'],
        [ADMIN, '/packageAdmin/pages/publish/index', 'elderly-publish'],
        [ADMIN, '/packageResident/pages/post/index', 'elderly-proxy-need'],
        [ADMIN, '/packageAdmin/pages/callup/index', 'elderly-admin-callup'],
        [ADMIN, `/packageAdmin/pages/checkin-code/index?id=${task2Id}`, 'elderly-checkin-code'],
        [ADMIN, '/packageStats/pages/dashboard/index', 'elderly-dashboard'],
        [UNIT_ADMIN, '/packageStats/pages/records/index', 'elderly-member-records'],
        [UNIT_ADMIN, '/packageStats/pages/roster/index', 'elderly-roster'],
        [UNIT_ADMIN, '/packageStats/pages/dashboard/index', 'elderly-unit-dashboard'],
      ];
      const problems: string[] = [];
      const pages = new Map<string, Page>();
      for (const [who, path, name] of checks) {
        let page = pages.get(who);
        if (!page) {
          page = await newPhone(`elderly ${who}`, true);
          await login(page, api.baseUrl, who);
          pages.set(who, page);
        }
        await page.goto(`${api.baseUrl}${path}`);
        await page.locator('.sbd-page.sbd-elderly').waitFor();
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        for (const p of await accessibilityProblems(page, true)) problems.push(`${name}: ${p}`);
        await shot(page, name, { full: true });
      }
      expect(problems).toEqual([]);
    },
    240_000,
  );

  step('no page threw an uncaught error', async () => {
    expect(pageErrors).toEqual([]);
  });
});
