import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consoleInChromium, settledCount, SHOTS_DIR } from './console-api';

/** Community staff at a desk: sign in to the console, review the pending 报到 in bulk. */
describe('the console in Chromium', () => {
  const c = consoleInChromium();
  const { signIn } = c;

  it('should not let a party member without a staff role in', async () => {
    await signIn('13800000006');
    await c.page.getByText('该账号没有管理权限，请使用工作人员账号登录').waitFor();
  });

  it('should let a community secretary approve a pending registration from the list', async () => {
    await signIn('13800000004');
    await c.page.getByText('您好，社区书记陈芳').waitFor();
    await c.page.getByRole('menuitem', { name: '报到审核' }).click();
    const row = c.page.getByRole('row', { name: /孙志华/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/1\d{2}\*{4}\d{4}/); // phones stay masked
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-registrations.png') });
    await row.getByRole('checkbox').check();
    await c.page.getByRole('button', { name: /批量通过（1）/ }).click();
    await c.page.getByText('已通过 1 条').waitFor();
    // The toast shows before the list has reloaded without the approved row.
    await expect(settledCount(c.page.getByRole('row', { name: /孙志华/ }), 0)).resolves.toBe(0);
    expect(c.errors).toEqual([]);
  });

  it('should let the secretary download the printable poster as an A4 PDF', async () => {
    // The web-address kind: this API has no WeChat to draw the mini-program code.
    const [download] = await Promise.all([
      c.page.waitForEvent('download'),
      c.page.getByRole('button', { name: '网页版海报 PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^.+社区-报到海报-网页版\.pdf$/);
    const file = await download.path();
    expect(readFileSync(file!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(c.errors).toEqual([]);
  });

  it('should keep the page after a reload and sign out for good', async () => {
    await c.page.reload();
    await c.page.getByRole('menuitem', { name: '报到审核' }).waitFor();
    await c.page.getByRole('button', { name: /退出登录/ }).click();
    await c.page.getByLabel('手机号').waitFor();
  });
});
