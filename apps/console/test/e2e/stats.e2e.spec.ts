import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, SHOTS_DIR, startConsoleApi, type ConsoleApi } from './console-api';

/** Community and district admins read the figures of their node, with a chart. */
describe('the statistics page in Chromium', () => {
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

  it('should show a community secretary the figures of 桃园社区 and a chart', async () => {
    await signIn('13800000004');
    await page.getByRole('menuitem', { name: '统计' }).click();
    await page.getByText('统计 · 桃园社区').waitFor();
    await page.getByText('服务率').waitFor();
    await page.getByText('点单办结率').waitFor();
    await page.locator('.stats-chart canvas').waitFor();
    await page.screenshot({ path: join(SHOTS_DIR, 'console-stats.png') });
    await page.getByRole('button', { name: /退出登录/ }).click();
  });

  it('should show a district admin the figures of the district', async () => {
    await signIn('13800000002');
    await page.getByRole('menuitem', { name: '统计' }).click();
    await page.getByText('统计 · 崇川区').waitFor();
    await page.locator('.stats-chart canvas').waitFor();
    await page.screenshot({ path: join(SHOTS_DIR, 'console-stats-district.png') });
    expect(errors).toEqual([]);
  });
});
