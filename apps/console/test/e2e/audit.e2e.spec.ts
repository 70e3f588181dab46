import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, SHOTS_DIR, startConsoleApi, type ConsoleApi } from './console-api';

/** A district admin reads the audit log of the district: sign-ins show up, filters narrow them. */
describe('the audit log in Chromium', () => {
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

  it('should not offer the audit log to a community secretary', async () => {
    await signIn('13800000004');
    await page.getByRole('menuitem', { name: '报到审核' }).waitFor();
    await expect(page.getByRole('menuitem', { name: '审计日志' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: /退出登录/ }).click();
  });

  it('should show a district admin the sign-ins, and filter them by action', async () => {
    await signIn('13800000002');
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByRole('cell', { name: '登录', exact: true }).first().waitFor();
    await page.screenshot({ path: join(SHOTS_DIR, 'console-audit.png') });
    await page.locator('.ant-select').first().click();
    await page.locator('.ant-select-item-option', { hasText: '报到审核驳回' }).click();
    await page.locator('.ant-table-placeholder').waitFor();
    expect(errors).toEqual([]);
  });
});
