import { join } from 'node:path';
import { consoleInChromium, SHOTS_DIR } from './console-api';
import { postedNeeds } from './screen-service';

const ACCEPT = ['楼栋电梯异响', '单元门禁失灵', '绿化带杂草过高'];
const REJECT = ['楼道堆放杂物', '广场舞音响太吵'];

/**
 * A community secretary clears the 待分拣 column in bulk: three needs accepted at once while a
 * colleague takes one of them first (reported per need, not lost), then two rejected with one reason.
 */
describe('bulk actions on the needs triage board in Chromium', () => {
  let token = '';
  let ids = new Map<string, number>();
  const c = consoleInChromium(async (s) => {
    ({ token, ids } = await postedNeeds(s, '13800000004', [...ACCEPT, ...REJECT], '王桂兰'));
  });
  const status = async (title: string) =>
    (await (
      await fetch(`${c.api.baseUrl}/api/needs/${ids.get(title)}`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as { status: string; rejectReason?: string | null };
  const card = (title: string) => c.page.locator('.need-card', { hasText: title });

  it('should accept the ticked needs and list the one a colleague had already taken', async () => {
    await c.signIn('13800000004');
    await c.page.getByRole('menuitem', { name: '需求分拣' }).click();
    const triage = c.page.locator('[data-column="待分拣"]');
    for (const title of ACCEPT) await triage.getByRole('checkbox', { name: `选择：${title}` }).check();
    const bar = c.page.getByRole('region', { name: '批量操作' });
    await bar.getByText('已选 3 条').waitFor();
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-needs-bulk-selected.png') });

    // Meanwhile a colleague accepts 单元门禁失灵 on their phone.
    await c.post(`/api/needs/${ids.get('单元门禁失灵')}/accept`, {}, token);
    await bar.getByRole('button', { name: '批量受理（3）' }).click();

    const report = c.page.locator('.bulk-report');
    await report.getByText('批量受理：成功 2 条，1 条未处理').waitFor();
    await expect(report.locator('li').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^单元门禁失灵：需求.*不能受理$/),
    ]);
    for (const title of ACCEPT) await c.page.locator('[data-column="已受理"] .need-card', { hasText: title }).waitFor();
    for (const title of ACCEPT) expect((await status(title)).status).toBe('accepted');
    // The one that failed stays ticked for another look; the others are cleared.
    await bar.getByText('已选 1 条').waitFor();
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-needs-bulk-report.png') });
    await bar.getByRole('button', { name: '取消选择' }).click();
    await bar.waitFor({ state: 'detached' });
  });

  it('should reject the ticked needs with one reason sent to every resident', async () => {
    for (const title of REJECT)
      await card(title)
        .getByRole('checkbox', { name: `选择：${title}` })
        .check();
    const bar = c.page.getByRole('region', { name: '批量操作' });
    // Only 驳回 applies to both; 办结 applies to neither.
    await expect(bar.getByRole('button', { name: '批量办结（0）' }).isDisabled()).resolves.toBe(true);
    await bar.getByRole('button', { name: '批量驳回（2）' }).click();
    const dialog = c.page.getByRole('dialog', { name: '批量驳回 2 条需求' });
    await dialog.getByLabel('驳回原因').fill('已转物业公司统一处理');
    await dialog.getByRole('button', { name: /驳\s*回/ }).click();
    await c.page.locator('.bulk-report').getByText('批量驳回：成功 2 条').waitFor();
    for (const title of REJECT) await card(title).waitFor({ state: 'detached' });
    for (const title of REJECT)
      expect(await status(title)).toMatchObject({ status: 'rejected', rejectReason: '已转物业公司统一处理' });
    // The browser logs the one refused request (the need the colleague took); nothing else went wrong.
    expect(c.errors).toEqual([expect.stringContaining('409 (Conflict)')]);
  });
});
