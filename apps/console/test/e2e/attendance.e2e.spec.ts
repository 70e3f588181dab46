import type { ClaimDto } from '@sbd/contracts';
import { join } from 'node:path';
import { consoleInChromium, settledCount, SHOTS_DIR } from './console-api';
import { apiGet, apiLogin, servedTask } from './screen-service';

const COMMUNITY_ADMIN = '13800000004';
const STREET_ADMIN = '13800000003';
const DISTRICT_ADMIN = '13800000002';
const MEMBERS = ['13800000006', '13800000007']; // 张建国, 周海燕
const TASK = '社区助老送餐';
const LATER = '楼道卫生清扫';
const RACED = '小区义务巡逻';

/** 服务核验 at a 1440×900 desk: the community secretary verifies members' hours in bulk, or rejects them. */
describe('服务核验 in Chromium', () => {
  let claims: number[] = [];
  let later = 0;
  let raced: number[] = [];
  const c = consoleInChromium(async (s) => {
    claims = await servedTask(s, COMMUNITY_ADMIN, MEMBERS, TASK);
    [later] = await servedTask(s, COMMUNITY_ADMIN, [MEMBERS[0]], LATER);
    raced = await servedTask(s, COMMUNITY_ADMIN, MEMBERS, RACED);
  });
  const rowsOf = (task: string) => c.page.locator('.ant-table tbody tr', { hasText: task });
  const claimOf = async (id: number) =>
    apiGet<ClaimDto>(c, `/api/claims/${id}`, (await apiLogin(c, COMMUNITY_ADMIN)).token);

  it('lists the claims awaiting verification and verifies the two selected ones', async () => {
    await c.page.setViewportSize({ width: 1440, height: 900 });
    await c.signIn(COMMUNITY_ADMIN);
    await c.page.getByRole('menuitem', { name: '服务核验' }).click();
    const rows = [/张建国/, /周海燕/].map((who) => c.page.getByRole('row', { name: who }).filter({ hasText: TASK }));
    for (const row of rows) {
      await row.waitFor();
      await expect(row.textContent()).resolves.toMatch(new RegExp(`${TASK}.*待核验`));
      await row.getByRole('checkbox').check();
    }
    const bulk = c.page.getByRole('button', { name: /批量核验（2 条，2 小时）/ });
    await bulk.waitFor();
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-attendance-1440.png') });
    await bulk.click();
    await c.page.getByText('2 条已核验').waitFor();
    // The list shows 待核验 claims: both are gone from it, the other tasks' claims stay.
    await rows[1].waitFor({ state: 'detached' });
    await expect(rowsOf(TASK).count()).resolves.toBe(0);
    await rowsOf(LATER).waitFor();
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-attendance-verified-1440.png') });
    for (const id of claims) {
      const claim = await claimOf(id);
      expect(claim).toMatchObject({ status: 'verified', creditedHours: 1 });
      expect(claim.verifiedAt).not.toBeNull();
    }
    expect(c.errors).toEqual([]);
  });

  it('rejects one claim with a reason, and the API keeps it', async () => {
    await rowsOf(LATER).getByRole('button', { name: '驳回 张建国' }).click();
    await c.page.getByLabel('驳回原因').fill('签到后未实际参加服务');
    await c.page
      .getByRole('dialog')
      .getByRole('button', { name: /驳\s*回/ })
      .click();
    await c.page.getByText('已驳回 张建国 的服务时长').waitFor();
    await rowsOf(LATER).waitFor({ state: 'detached' });
    expect(await claimOf(later)).toMatchObject({ status: 'rejected', rejectReason: '签到后未实际参加服务' });
    expect(c.errors).toEqual([]);
  });

  it('tells which claims failed when someone else verified one meanwhile', async () => {
    await c.page.getByRole('combobox', { name: '任务' }).fill(RACED);
    await c.page.locator('.ant-select-item-option', { hasText: RACED }).click();
    await expect(settledCount(rowsOf(RACED), 2)).resolves.toBe(2);
    await c.page.getByRole('checkbox', { name: '选择 张建国' }).check();
    await c.page.getByRole('checkbox', { name: '选择 周海燕' }).check();
    // Another staff member verifies 张建国's claim before the secretary clicks.
    await c.post(`/api/claims/${raced[0]}/verify`, {}, (await apiLogin(c, COMMUNITY_ADMIN)).token);
    await c.page.getByRole('button', { name: /批量核验（2 条/ }).click();
    await c.page.getByText('1 条已核验，1 条失败：报名已核验，不能核验').waitFor();
    await expect(settledCount(rowsOf(RACED), 0)).resolves.toBe(0);
    await c.page.getByRole('button', { name: /批量核验（0 条，0 小时）/ }).waitFor();
    expect((await claimOf(raced[1])).status).toBe('verified');
    // The browser logs the refused request itself; nothing else went wrong.
    expect(c.errors).toEqual([expect.stringMatching(/status of 409 \(Conflict\)/)]);
    c.errors.length = 0;
  });

  it('shows the verified claims under 已核验, no longer selectable', async () => {
    await c.page.locator('.ant-select', { has: c.page.getByRole('combobox', { name: '核验状态' }) }).click();
    await c.page.locator('.ant-select-item-option[title="已核验"]').click();
    const row = c.page.getByRole('row', { name: /张建国/ }).filter({ hasText: RACED });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/已核验/);
    await expect(row.getByRole('checkbox').isDisabled()).resolves.toBe(true);
    expect(c.errors).toEqual([]);
  });

  it('lets a street admin pick any community of the street, and a district admin any of the district', async () => {
    // The options of the 社区 picker's own list (another Select's closed dropdown may still be fading out).
    const communityOptions = async () => {
      const box = c.page.getByRole('combobox', { name: '社区' });
      await c.page.locator('.ant-select', { has: box }).click();
      const options = c.page.locator(`[id="${await box.getAttribute('aria-controls')}"]`).getByRole('option');
      await options.first().waitFor();
      return options.allTextContents();
    };
    await c.page.getByRole('button', { name: /退出登录/ }).click();
    await c.signIn(STREET_ADMIN);
    await c.page.getByRole('menuitem', { name: '服务核验' }).click();
    // 桃园社区 comes first; its verified claims are there for the street to see.
    await c.page.locator('.ant-select', { has: c.page.getByRole('combobox', { name: '核验状态' }) }).click();
    await c.page.locator('.ant-select-item-option[title="已核验"]').click();
    await c.page
      .getByRole('row', { name: /周海燕/ })
      .filter({ hasText: TASK })
      .waitFor();
    await expect(communityOptions()).resolves.toEqual(['桃园社区', '濠西社区']);
    await c.page.locator('.ant-select-item-option[title="濠西社区"]').click();
    await c.page
      .getByRole('row', { name: /周海燕/ })
      .first()
      .waitFor({ state: 'detached' });
    await c.page.locator('.ant-table-placeholder').waitFor();

    await c.page.getByRole('button', { name: /退出登录/ }).click();
    await c.signIn(DISTRICT_ADMIN);
    await c.page.getByRole('menuitem', { name: '服务核验' }).click();
    await expect(communityOptions()).resolves.toEqual(['桃园社区', '濠西社区', '新城桥社区', '永兴社区']);
    expect(c.errors).toEqual([]);
  });
});
