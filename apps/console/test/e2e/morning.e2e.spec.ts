import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleInChromium, DEMO_PASSWORD, SHOTS_DIR, type ConsoleSession } from './console-api';
import { apiGet, apiLogin, servedTask } from './screen-service';
import { sheetRows } from './xlsx-rows';

const SECRETARY = '13800000004'; // 陈芳, 桃园社区
const MEMBERS = ['13800000006', '13800000007']; // 张建国, 周海燕, who served yesterday's lunch round
const SERVED = '早市助老送菜';
const NEED = '3号楼楼道灯不亮';
const NEWCOMERS = [
  { phone: '13800000031', name: '赵新民' },
  { phone: '13800000032', name: '钱晓燕' },
];

/** A member who signed up, proved their phone (the demo's logged SMS code) and asked to 报到 in 桃园. */
async function pendingMember(s: ConsoleSession, phone: string, name: string): Promise<void> {
  const { version } = (await (await fetch(`${s.api.baseUrl}/api/privacy-notice`)).json()) as { version: string };
  await s.post('/api/auth/signup', { phone, password: DEMO_PASSWORD, name, consentVersion: version });
  const { accessToken } = (await s.post('/api/auth/login', { phone, password: DEMO_PASSWORD })) as {
    accessToken: string;
  };
  const sent = await s.post('/api/phone-verifications/sms-codes', { phone }, accessToken);
  await s.post('/api/phone-verifications/sms', { phone, code: sent.devCode }, accessToken);
  await s.post(
    '/api/registrations',
    {
      communityCode: 'TAOYUAN',
      name,
      phone,
      workUnitName: '市供电公司',
      unitPartyOrgName: '市供电公司第一党支部',
      residenceDetail: '桃园小区8号楼1单元',
      skills: ['电工'],
      freeTime: [],
      positionIds: [],
      consentVersion: version,
    },
    accessToken,
  );
}

/**
 * A community secretary's morning at a 1440×900 desk, in one sitting: sign in, approve the two
 * members who asked to 报到 overnight, turn a resident's need into a task placed on the map,
 * verify yesterday's service in bulk, and export this week's published tasks to Excel and open it.
 */
describe("a community admin's morning in the console", () => {
  let communityId = 0;
  let token = '';
  const c = consoleInChromium(async (s) => {
    ({ token, communityId } = (await apiLogin(s, SECRETARY)) as { token: string; communityId: number });
    for (const m of NEWCOMERS) await pendingMember(s, m.phone, m.name);
    await servedTask(s, SECRETARY, MEMBERS, SERVED);
    const need = await s.post(
      '/api/needs',
      {
        communityId,
        category: 'repair',
        title: NEED,
        description: '3号楼2单元三楼到五楼的楼道灯都不亮，晚上老人上下楼很危险。',
        place: '桃园小区3号楼2单元',
        onBehalfOf: { name: '王秀兰' },
      },
      token,
    );
    await s.post(`/api/needs/${String(need.id)}/accept`, {}, token);
  });

  it('signs in, approves two, triages a need onto the map, verifies in bulk and exports', async () => {
    const started = Date.now();
    const { page } = c;
    await page.setViewportSize({ width: 1440, height: 900 });
    await c.signIn(SECRETARY);

    // 报到审核: both newcomers, selected and approved in one go.
    await page.getByRole('menuitem', { name: '报到审核' }).click();
    for (const m of NEWCOMERS)
      await page
        .getByRole('row', { name: new RegExp(m.name) })
        .getByRole('checkbox')
        .check();
    await page.screenshot({ path: join(SHOTS_DIR, 'morning-1-approve.png') });
    await page.getByRole('button', { name: /批量通过（2）/ }).click();
    await page.getByText('已通过 2 条').waitFor();
    for (const m of NEWCOMERS) await page.getByRole('row', { name: new RegExp(m.name) }).waitFor({ state: 'detached' });

    // 需求分拣: the accepted need becomes a task, its place picked on the map.
    await page.getByRole('menuitem', { name: '需求分拣' }).click();
    const card = page.locator('[data-column="已受理"] .need-card', { hasText: NEED });
    await card.getByRole('button', { name: '转为任务' }).click();
    const drawer = page.locator('.ant-drawer-content');
    expect(await drawer.getByLabel('任务名称').inputValue()).toBe(NEED);
    const map = drawer.getByRole('application', { name: '任务地点地图' });
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width * 0.6, y: box.height * 0.4 } });
    await drawer.getByLabel('签到半径', { exact: true }).fill('150');
    await page.screenshot({ path: join(SHOTS_DIR, 'morning-2-triage-on-map.png') });
    await drawer.getByRole('button', { name: /发\s*布/ }).click();
    await card.getByText('已转任务 1').waitFor();

    // 服务核验: yesterday's two claims, verified together.
    await page.getByRole('menuitem', { name: '服务核验' }).click();
    for (const who of [/张建国/, /周海燕/]) {
      await page.getByRole('row', { name: who }).filter({ hasText: SERVED }).getByRole('checkbox').check();
    }
    await page.getByRole('button', { name: /批量核验（2 条/ }).click();
    await page.getByText('2 条已核验').waitFor();
    await page.screenshot({ path: join(SHOTS_DIR, 'morning-3-verified.png') });

    // 任务管理: the published tasks, exported exactly as filtered, and opened.
    await page.getByRole('menuitem', { name: '任务管理' }).click();
    await page.getByRole('combobox', { name: '任务状态' }).click();
    await page.getByTitle('已发布').click();
    await page.getByRole('row', { name: new RegExp(NEED) }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'sbd-morning-')), 'tasks.xlsx');
    await download.saveAs(file);
    const rows = await sheetRows(file, '编号');
    const published = await apiGet<{ items: { id: number; title: string }[] }>(
      c,
      `/api/communities/${communityId}/tasks?status=published&limit=100`,
      token,
    );
    expect(rows.map((r) => Number(r['编号'])).sort()).toEqual(published.items.map((t) => t.id).sort());
    expect(rows.every((r) => r['状态'] === '已发布')).toBe(true);
    expect(rows.map((r) => r['标题'])).toContain(NEED);
    await page.screenshot({ path: join(SHOTS_DIR, 'morning-4-exported.png') });

    // What the API now holds: the two members approved, the need's task placed, the service verified.
    const regs = await apiGet<{ items: { name: string; status: string }[] }>(
      c,
      `/api/communities/${communityId}/registrations?status=approved&limit=100`,
      token,
    );
    for (const m of NEWCOMERS) expect(regs.items.map((r) => r.name)).toContain(m.name);
    const task = published.items.find((t) => t.title === NEED)!;
    const full = await apiGet<{ checkinRadiusM: number; latitude: number | null; needIds: number[] }>(
      c,
      `/api/tasks/${task.id}`,
      token,
    );
    expect(full.checkinRadiusM).toBe(150);
    expect(full.latitude).not.toBeNull();
    expect(full.needIds).toHaveLength(1);
    console.log(`morning: done in ${((Date.now() - started) / 1000).toFixed(1)} s of browser time`);
    expect(c.errors).toEqual([]);
  });
});
