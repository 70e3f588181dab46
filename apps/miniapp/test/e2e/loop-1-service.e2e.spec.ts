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
 * The story goes on in loop-2 (call-up, branch waitlist), loop-3 (statistics) and loop-4 (长辈版),
 * on the same API (see loop-world.ts).
 *
 * Credited hours are the check-in/check-out time inside the task window, rounded down to the half
 * hour, and a verified service with 0 hours earns no points (domain pointsForVerifiedService). So
 * between check-in and check-out the test moves the claim's checked_in_at 65 minutes back, the
 * task's (and claim's) window start 90 minutes back and its end to a minute ago (verification and
 * ratings wait for the end of the service), directly in the SQLite file: the member then gets
 * 1 credited hour → 10 points (perHour 10), plus 5 for the 5-star rating = 15.
 *
 * Screenshots of every step go to test/e2e/screenshots/ (git-ignored). Run: npm run e2e (needs
 * apps/api/dist and dist/h5).
 */
import type { Locator, Page } from 'playwright-core';
import { confirmModal, fromDbDate, login, samplePng, shot, toDbDate } from './harness';
import {
  ADMIN,
  MEMBER,
  MEMBER_NAME,
  NEED_TITLE,
  RESIDENT,
  loopWorld,
  noPageErrors,
  saveState,
  step,
} from './loop-world';

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

const w = loopWorld();
const api = w.api;
let resident: Page;
let admin: Page;
let member: Page;
let needId = 0;
let taskId = 0;

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
  resident = await w.newPhone('resident');
  admin = await w.newPhone('admin');
  member = await w.newPhone('member');
}, 120_000);

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
    saveState({ needId });
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
    await admin.getByRole('tab', { name: '已受理' }).click();
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
    saveState({ taskId });
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

  step('…an hour later, the service over (moved in the database), the member checks out', async () => {
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
      const end = toDbDate(new Date(Date.now() - 60_000));
      const checkedIn = toDbDate(new Date(Date.now() - 65 * 60_000));
      expect(
        db.prepare('UPDATE tasks SET starts_at = ?, ends_at = ? WHERE id = ?').run(start, end, taskId).changes,
      ).toBe(1);
      expect(
        db
          .prepare('UPDATE claims SET starts_at = ?, ends_at = ?, checked_in_at = ? WHERE id = ?')
          .run(start, end, checkedIn, claim.id).changes,
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

  noPageErrors(w);
});
