import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleInChromium, SHOTS_DIR } from './console-api';
import { apiGet, apiLogin } from './screen-service';
import { sheetRows } from './xlsx-rows';

interface Callup {
  id: number;
  title: string;
  latitude: number | null;
  longitude: number | null;
}

/** A community secretary calls members up in an emergency, groups who can come, and ends the call-up. */
describe('the emergency call-up page in Chromium', () => {
  const c = consoleInChromium();

  it('should create a call-up, show the answers, group, download the muster list and close it', async () => {
    await c.signIn('13800000004');
    await c.page.setViewportSize({ width: 1440, height: 900 });
    await c.page.getByRole('menuitem', { name: '应急召集' }).click();
    await c.page.getByRole('button', { name: '发起召集' }).click();
    const dialog = c.page.getByRole('dialog');
    await dialog.getByRole('button', { name: '发起召集' }).click();
    await dialog.getByText('请填写召集事由').waitFor();
    await dialog.getByLabel('召集事由').fill('暴雨防汛应急集结');
    await dialog.getByLabel('说明').fill('请能到的党员携带雨具到党群服务中心集合，协助转移低洼处住户。');
    await dialog.getByLabel('集合地点', { exact: true }).fill('桃园社区党群服务中心');
    await dialog.getByLabel('需要人数').fill('10');
    const map = dialog.getByRole('application', { name: '集合地点地图' });
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width * 0.25, y: box.height * 0.25 } }); // north-west of the community
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-callup-create-1440.png') });
    await dialog.getByRole('button', { name: '发起召集' }).click();

    const drawer = c.page.locator('.ant-drawer-content', { hasText: '应急召集：暴雨防汛应急集结' });
    await drawer.getByText(/共通知 \d+ 人/).waitFor();
    await c.page.getByRole('row', { name: /暴雨防汛应急集结/ }).waitFor();

    // A member answers in the mini-program; the page shows it when the call-up is opened again.
    const admin = await apiLogin(c, '13800000004');
    const member = await apiLogin(c, '13800000006');
    const list = await apiGet<Callup[]>(c, `/api/callups?scopeNodeId=${admin.communityId}`, admin.token);
    const callup = list.find((x) => x.title === '暴雨防汛应急集结')!;
    expect(callup.latitude!).toBeGreaterThan(32.0123); // 桃园社区
    expect(callup.longitude!).toBeLessThan(120.8642);
    await c.post(`/api/callups/${callup.id}/respond`, { response: 'available', etaMinutes: 15 }, member.token);
    await drawer.getByRole('button', { name: /关\s*闭|Close/ }).click();
    await c.page.getByRole('button', { name: '查看 暴雨防汛应急集结' }).click();
    await drawer.getByText(/能到 1 · 不能到 0/).waitFor();

    await drawer.getByLabel('每组人数').fill('2');
    await drawer.getByRole('button', { name: /编\s*组/ }).click();
    await drawer.getByText('张建国（组长）', { exact: false }).waitFor();
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-emergency-1440.png') });

    const [download] = await Promise.all([
      c.page.waitForEvent('download'),
      drawer.getByRole('button', { name: '下载花名册' }).click(),
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'sbd-muster-')), 'muster.xlsx');
    await download.saveAs(file);
    const rows = await sheetRows(file, '姓名');
    expect(rows.find((r) => r['姓名'] === '张建国')).toMatchObject({ 回复: '能到', '预计到达（分钟）': '15' });

    await drawer.getByRole('button', { name: '结束召集' }).click();
    await c.page.locator('.ant-popconfirm').getByRole('button', { name: '结束召集' }).click();
    await c.page.getByText('召集已结束').waitFor();
    await drawer.getByText('已结束').waitFor();
    await drawer.getByRole('button', { name: /关\s*闭|Close/ }).click();
    await c.page.getByRole('row', { name: /暴雨防汛应急集结.*已结束/ }).waitFor();
    expect(c.errors).toEqual([]);
  });
});
