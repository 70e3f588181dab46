import type { ClaimDto } from '@sbd/contracts';
import { join } from 'node:path';
import { consoleInChromium, SHOTS_DIR } from './console-api';
import { apiGet, apiLogin, servedTask } from './screen-service';

const COMMUNITY_ADMIN = '13800000004';
const MEMBERS = ['13800000006', '13800000007']; // 张建国, 周海燕
const TASK = '社区助老送餐';
const LATER = '楼道卫生清扫';

/** 服务核验 at a 1440×900 desk: the community secretary verifies two members' hours in bulk. */
describe('服务核验 in Chromium', () => {
  let claims: number[] = [];
  let later = 0;
  const c = consoleInChromium(async (s) => {
    claims = await servedTask(s, COMMUNITY_ADMIN, MEMBERS, TASK);
    [later] = await servedTask(s, COMMUNITY_ADMIN, [MEMBERS[0]], LATER);
  });

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
    // The list shows 待核验 claims: both are gone from it, the later task's claim stays.
    await c.page.getByRole('row', { name: /周海燕/ }).waitFor({ state: 'detached' });
    await expect(c.page.locator('.ant-table tbody tr', { hasText: TASK }).count()).resolves.toBe(0);
    await c.page.locator('.ant-table tbody tr', { hasText: LATER }).waitFor();
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-attendance-verified-1440.png') });

    const { token } = await apiLogin(c, COMMUNITY_ADMIN);
    for (const id of claims) {
      const claim = await apiGet<ClaimDto>(c, `/api/claims/${id}`, token);
      expect(claim).toMatchObject({ status: 'verified', creditedHours: 1 });
      expect(claim.verifiedAt).not.toBeNull();
    }
    expect(c.errors).toEqual([]);
  });

  it('rejects one claim with a reason, and the API keeps it', async () => {
    const row = c.page.locator('.ant-table tbody tr', { hasText: LATER });
    await row.getByRole('button', { name: '驳回 张建国' }).click();
    await c.page.getByLabel('驳回原因').fill('签到后未实际参加服务');
    await c.page
      .getByRole('dialog')
      .getByRole('button', { name: /驳\s*回/ })
      .click();
    await c.page.getByText('已驳回 张建国 的服务时长').waitFor();
    await row.waitFor({ state: 'detached' });
    const { token } = await apiLogin(c, COMMUNITY_ADMIN);
    const claim = await apiGet<ClaimDto>(c, `/api/claims/${later}`, token);
    expect(claim).toMatchObject({ status: 'rejected', rejectReason: '签到后未实际参加服务' });
    expect(c.errors).toEqual([]);
  });

  it('shows the verified claims under 已核验, no longer selectable', async () => {
    await c.page.locator('.ant-select', { has: c.page.getByRole('combobox', { name: '核验状态' }) }).click();
    await c.page.locator('.ant-select-item-option[title="已核验"]').click();
    const row = c.page.getByRole('row', { name: /张建国/ }).filter({ hasText: TASK });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/已核验/);
    await expect(row.getByRole('checkbox').isDisabled()).resolves.toBe(true);
    expect(c.errors).toEqual([]);
  });
});
