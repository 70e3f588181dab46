import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, SHOTS_DIR, startConsoleApi, type ConsoleApi } from './console-api';

/** A community secretary triages the residents' needs on the board: accept one, reject another. */
describe('the needs triage board in Chromium', () => {
  let api: ConsoleApi;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${api.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    [api, browser] = await Promise.all([startConsoleApi(), launchBrowser()]);
    const { accessToken } = (await post('/api/auth/login', { phone: '13800000004', password: DEMO_PASSWORD })) as {
      accessToken: string;
    };
    const me = (await (
      await fetch(`${api.baseUrl}/api/me`, { headers: { Authorization: `Bearer ${accessToken}` } })
    ).json()) as { roles: { role: string; scopeNodeId: number }[] };
    const communityId = me.roles.find((r) => r.role === 'community_admin')!.scopeNodeId;
    for (const title of ['楼道灯不亮', '小区垃圾清运不及时'])
      await post(
        '/api/needs',
        {
          communityId,
          category: 'repair',
          title,
          description: `${title}，请社区帮忙处理。`,
          onBehalfOf: { name: '李秀英' },
        },
        accessToken,
      );
    page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('should let a community secretary accept one need and reject another with a reason', async () => {
    await page.goto(`${api.baseUrl}/console`);
    await page.getByLabel('手机号').fill('13800000004');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('menuitem', { name: '需求分拣' }).click();
    const triage = page.locator('[data-column="待分拣"]');
    const lamp = triage.locator('.need-card', { hasText: '楼道灯不亮' });
    await lamp.waitFor();
    await page.screenshot({ path: join(SHOTS_DIR, 'console-needs.png') });
    await lamp.getByRole('button', { name: /受\s*理/ }).click();
    await page.locator('[data-column="已受理"] .need-card', { hasText: '楼道灯不亮' }).waitFor();

    await triage
      .locator('.need-card', { hasText: '垃圾清运' })
      .getByRole('button', { name: /驳\s*回/ })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByPlaceholder('请填写驳回原因（将通知居民）').fill('已转物业公司处理');
    await dialog.getByRole('button', { name: /驳\s*回/ }).click();
    await page.getByText('已驳回：小区垃圾清运不及时').waitFor();
    await page.locator('.need-card', { hasText: '垃圾清运' }).waitFor({ state: 'detached' });
    await page.screenshot({ path: join(SHOTS_DIR, 'console-needs-after.png') });
    expect(errors).toEqual([]);
  });
});
