import { join } from 'node:path';
import { consoleInChromium, DEMO_PASSWORD, SHOTS_DIR } from './console-api';

/** A community secretary triages the residents' needs on the board: accept one, reject another. */
describe('the needs triage board in Chromium', () => {
  const c = consoleInChromium(async (s) => {
    const { accessToken } = (await s.post('/api/auth/login', { phone: '13800000004', password: DEMO_PASSWORD })) as {
      accessToken: string;
    };
    const me = (await (
      await fetch(`${s.api.baseUrl}/api/me`, { headers: { Authorization: `Bearer ${accessToken}` } })
    ).json()) as { roles: { role: string; scopeNodeId: number }[] };
    const communityId = me.roles.find((r) => r.role === 'community_admin')!.scopeNodeId;
    for (const title of ['楼道灯不亮', '小区垃圾清运不及时'])
      await s.post(
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
  });

  it('should let a community secretary accept one need and reject another with a reason', async () => {
    await c.signIn('13800000004');
    await c.page.getByRole('menuitem', { name: '需求分拣' }).click();
    const triage = c.page.locator('[data-column="待分拣"]');
    const lamp = triage.locator('.need-card', { hasText: '楼道灯不亮' });
    await lamp.waitFor();
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-needs.png') });
    await lamp.getByRole('button', { name: /受\s*理/ }).click();
    await c.page.locator('[data-column="已受理"] .need-card', { hasText: '楼道灯不亮' }).waitFor();

    await triage
      .locator('.need-card', { hasText: '垃圾清运' })
      .getByRole('button', { name: /驳\s*回/ })
      .click();
    const dialog = c.page.getByRole('dialog');
    await dialog.getByPlaceholder('请填写驳回原因（将通知居民）').fill('已转物业公司处理');
    await dialog.getByRole('button', { name: /驳\s*回/ }).click();
    await c.page.getByText('已驳回：小区垃圾清运不及时').waitFor();
    await c.page.locator('.need-card', { hasText: '垃圾清运' }).waitFor({ state: 'detached' });
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-needs-after.png') });
    expect(c.errors).toEqual([]);
  });
});
