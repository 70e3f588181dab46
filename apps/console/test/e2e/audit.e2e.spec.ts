import { join } from 'node:path';
import { consoleInChromium, SHOTS_DIR } from './console-api';

/** A district admin reads the audit log of the district: sign-ins show up, filters narrow them. */
describe('the audit log in Chromium', () => {
  const c = consoleInChromium();
  const { signIn } = c;

  it('should not offer the audit log to a community secretary', async () => {
    await signIn('13800000004');
    await c.page.getByRole('menuitem', { name: '报到审核' }).waitFor();
    await expect(c.page.getByRole('menuitem', { name: '审计日志' }).count()).resolves.toBe(0);
    await c.page.getByRole('button', { name: /退出登录/ }).click();
  });

  it('should show a district admin the sign-ins, and filter them by action', async () => {
    await signIn('13800000002');
    await c.page.getByRole('menuitem', { name: '审计日志' }).click();
    await c.page.locator('.ant-table-row').first().waitFor();
    await c.page.getByRole('cell', { name: '登录', exact: true }).first().waitFor();
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-audit.png') });
    await c.page.locator('.ant-select').first().click();
    await c.page.locator('.ant-select-item-option', { hasText: '报到审核驳回' }).click();
    await c.page.locator('.ant-table-placeholder').waitFor();
    expect(c.errors).toEqual([]);
  });
});
