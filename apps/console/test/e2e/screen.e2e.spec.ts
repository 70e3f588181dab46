import type { ScreenDto, StatsDto } from '@sbd/contracts';
import { join } from 'node:path';
import { percent } from '../../src/features/stats/stats-format';
import { consoleInChromium, SHOTS_DIR } from './console-api';
import { apiGet, apiLogin, verifiedService } from './screen-service';

const DISTRICT_ADMIN = '13800000002';
const COMMUNITY_ADMIN = '13800000004';
const MEMBER = '13800000006';
const FIRST = '为独居老人送午餐';
const SECOND = '楼道灯更换';

const hours = (h: number) => (Number.isInteger(h) ? String(h) : h.toFixed(1));

/** A district admin opens the 数据大屏 at 1920×1080: the API's figures, refreshed in place. */
describe('the district screen in Chromium', () => {
  const c = consoleInChromium(async (s) => {
    await verifiedService(s, COMMUNITY_ADMIN, MEMBER, FIRST);
  });
  let token = '';
  let nodeId = 0;

  const kpi = (label: string) => c.page.getByRole('group', { name: label, exact: true });

  it('opens from the menu on the district admin’s 崇川区', async () => {
    await c.page.setViewportSize({ width: 1920, height: 1080 });
    await c.signIn(DISTRICT_ADMIN);
    await c.page.getByRole('menuitem', { name: '数据大屏' }).click();
    await c.page.getByRole('button', { name: '打开数据大屏' }).click();
    await c.page.getByRole('heading', { name: '崇川区 · 党员双报到数据大屏' }).waitFor();
    nodeId = Number(/\/console\/screen\/(\d+)$/.exec(c.page.url())?.[1]);
    expect(nodeId).toBeGreaterThan(0);
    token = (await apiLogin(c, DISTRICT_ADMIN)).token;
  });

  it('shows the figures, rankings and latest services the API gives for the period it names', async () => {
    await c.page.goto(`${c.api.baseUrl}/console/screen/${nodeId}?refresh=3`);
    const period = (await c.page.getByText(/^统计周期/).textContent()) ?? '';
    const [, from, to] = /统计周期 (\S+) 至 (\S+)/.exec(period) ?? [];
    const query = `from=${from}&to=${to}&granularity=week`;
    const stats = await apiGet<StatsDto>(c, `/api/stats/nodes/${nodeId}?${query}`, token);
    const screen = await apiGet<ScreenDto>(c, `/api/stats/nodes/${nodeId}/screen?${query}`, token);
    await kpi('服务率').getByText(percent(stats.serviceRate), { exact: true }).waitFor();
    await kpi('服务率').getByText(`${stats.servingMembers} / ${stats.registeredMembers} 人`).waitFor();
    await kpi('报到率').getByText(percent(stats.registrationRate), { exact: true }).waitFor();
    await kpi('服务时长')
      .getByText(`${hours(stats.verifiedHours)} 小时`, { exact: true })
      .waitFor();
    await kpi('服务时长').getByText(`${stats.services} 次服务`).waitFor();
    await kpi('满意率').getByText(percent(stats.satisfaction.rate), { exact: true }).waitFor();
    await kpi('办结率').getByText(percent(stats.needs?.closureRate), { exact: true }).waitFor();
    expect(stats.services).toBeGreaterThanOrEqual(1);
    const ranking = c.page.getByRole('region', { name: '街道服务率排行' }).getByRole('listitem');
    expect(await ranking.allTextContents()).toEqual(
      screen.children.map((ch, i) => `${i + 1}${ch.name}${percent(ch.serviceRate)}${hours(ch.verifiedHours)} 小时`),
    );
    const members = c.page.getByRole('region', { name: '党员服务时长排行' }).getByRole('listitem');
    expect(await members.allTextContents()).toEqual(['1张*国1 小时1 次']);
    const latest = c.page.getByRole('region', { name: '最新核验服务' }).getByRole('listitem');
    await latest.filter({ hasText: FIRST }).filter({ hasText: '张*国' }).waitFor();
    expect(await latest.count()).toBe(screen.latest.length);
    await c.page.locator('.screen-trend canvas').waitFor();
  });

  it('shows a service verified meanwhile after the next refresh, without reloading the page', async () => {
    await c.page.evaluate(() => Object.assign(window, { sameDocument: true }));
    const before = (await c.page.getByText(/^更新于/).textContent()) ?? '';
    await verifiedService(c, COMMUNITY_ADMIN, MEMBER, SECOND);
    const latest = c.page.getByRole('region', { name: '最新核验服务' }).getByRole('listitem');
    await latest.first().filter({ hasText: SECOND }).filter({ hasText: '桃园社区' }).waitFor({ timeout: 15_000 });
    expect(await c.page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await c.page.getByText(/^更新于/).textContent()).not.toBe(before);
    const period = (await c.page.getByText(/^统计周期/).textContent()) ?? '';
    const [, from, to] = /统计周期 (\S+) 至 (\S+)/.exec(period) ?? [];
    const stats = await apiGet<StatsDto>(c, `/api/stats/nodes/${nodeId}?from=${from}&to=${to}&granularity=week`, token);
    await kpi('服务时长').getByText(`${stats.services} 次服务`).waitFor();
    await c.page.screenshot({ path: join(SHOTS_DIR, 'console-screen-district.png') });
    expect(c.errors).toEqual([]);
  });
});
