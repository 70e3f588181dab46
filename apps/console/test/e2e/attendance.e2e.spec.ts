import type { ClaimDto } from '@sbd/contracts';
import { join } from 'node:path';
import { consoleInChromium, SHOTS_DIR } from './console-api';
import { apiGet, apiLogin, servedTask } from './screen-service';

const COMMUNITY_ADMIN = '13800000004';
const MEMBERS = ['13800000006', '13800000007']; // 张建国, 周海燕
const TASK = '社区助老送餐';

/** 服务核验 at a 1440×900 desk: the community secretary verifies two members' hours in bulk. */
describe('服务核验 in Chromium', () => {
  let claims: number[] = [];
  const c = consoleInChromium(async (s) => {
    claims = await servedTask(s, COMMUNITY_ADMIN, MEMBERS, TASK);
  });

  it('lists the claims awaiting verification and verifies the two selected ones', async () => {
    await c.page.setViewportSize({ width: 1440, height: 900 });
    await c.signIn(COMMUNITY_ADMIN);
    await c.page.getByRole('menuitem', { name: '服务核验' }).click();
    const rows = [c.page.getByRole('row', { name: /张建国/ }), c.page.getByRole('row', { name: /周海燕/ })];
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
    // The list shows 待核验 claims: both are gone from it.
    await c.page.locator('.ant-table .ant-empty-description').waitFor();
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-attendance-verified-1440.png') });

    const { token } = await apiLogin(c, COMMUNITY_ADMIN);
    for (const id of claims) {
      const claim = await apiGet<ClaimDto>(c, `/api/claims/${id}`, token);
      expect(claim).toMatchObject({ status: 'verified', creditedHours: 1 });
      expect(claim.verifiedAt).not.toBeNull();
    }
    expect(c.errors).toEqual([]);
  });

  it('shows the verified claims under 已核验, no longer selectable', async () => {
    await c.page.locator('.ant-select', { has: c.page.getByRole('combobox', { name: '核验状态' }) }).click();
    await c.page.locator('.ant-select-item-option[title="已核验"]').click();
    const row = c.page.getByRole('row', { name: /张建国/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/已核验/);
    await expect(row.getByRole('checkbox').isDisabled()).resolves.toBe(true);
    expect(c.errors).toEqual([]);
  });
});
