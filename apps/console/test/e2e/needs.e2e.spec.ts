import { join } from 'node:path';
import { consoleInChromium, SHOTS_DIR } from './console-api';
import { postedNeeds } from './screen-service';

/** A community secretary triages the residents' needs on the board: accept one, reject another. */
describe('the needs triage board in Chromium', () => {
  const c = consoleInChromium(async (s) => {
    await postedNeeds(s, '13800000004', ['楼道灯不亮', '小区垃圾清运不及时']);
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
