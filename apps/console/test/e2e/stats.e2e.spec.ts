import { join } from 'node:path';
import { consoleInChromium, SHOTS_DIR } from './console-api';

/** Community and district admins read the figures of their node, with a chart. */
describe('the statistics page in Chromium', () => {
  const c = consoleInChromium();
  const { signIn } = c;

  it('should show a community secretary the figures of 桃园社区 and a chart', async () => {
    await signIn('13800000004');
    await c.page.getByRole('menuitem', { name: '统计' }).click();
    await c.page.getByText('统计 · 桃园社区').waitFor();
    await c.page.getByText('服务率').waitFor();
    await c.page.getByText('点单办结率').waitFor();
    await c.page.locator('.stats-chart canvas').waitFor();
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-stats.png') });
    await c.page.getByRole('button', { name: /退出登录/ }).click();
    // Signing out calls the API first: the next sign-in must not race it.
    await c.page.getByLabel('手机号').waitFor();
  });

  it('should show a district admin the figures of the district', async () => {
    await signIn('13800000002');
    await c.page.getByRole('menuitem', { name: '统计' }).click();
    await c.page.getByText('统计 · 崇川区').waitFor();
    await c.page.locator('.stats-chart canvas').waitFor();
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-stats-district.png') });
    expect(c.errors).toEqual([]);
  });
});
