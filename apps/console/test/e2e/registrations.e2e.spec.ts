import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, SHOTS_DIR, startConsoleApi, type ConsoleApi } from './console-api';

/** Community staff at a desk: sign in to the console, review the pending 报到 in bulk. */
describe('the console in Chromium', () => {
  let api: ConsoleApi;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    [api, browser] = await Promise.all([startConsoleApi(), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  const signIn = async (phone: string) => {
    await page.goto(`${api.baseUrl}/console`);
    await page.getByLabel('手机号').fill(phone);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
  };

  it('should not let a party member without a staff role in', async () => {
    await signIn('13800000006');
    await page.getByText('该账号没有管理权限，请使用工作人员账号登录').waitFor();
  });

  it('should let a community secretary approve a pending registration from the list', async () => {
    await signIn('13800000004');
    await page.getByText('您好，社区书记陈芳').waitFor();
    await page.getByRole('menuitem', { name: '报到审核' }).click();
    const row = page.getByRole('row', { name: /孙志华/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/1\d{2}\*{4}\d{4}/); // phones stay masked
    await page.screenshot({ path: join(SHOTS_DIR, 'console-registrations.png') });
    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: /批量通过（1）/ }).click();
    await page.getByText('已通过 1 条').waitFor();
    await expect(page.getByRole('row', { name: /孙志华/ }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  it('should keep the page after a reload and sign out for good', async () => {
    await page.reload();
    await page.getByRole('menuitem', { name: '报到审核' }).waitFor();
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.getByLabel('手机号').waitFor();
  });
});
