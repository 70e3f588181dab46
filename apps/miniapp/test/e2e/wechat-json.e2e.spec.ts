/**
 * The weapp build passes WeChat's own validation of app.json and of every page's json
 * (miniprogram-ci, offline; see wechat-json.ts), and the same validation refuses a broken copy, so
 * a pass means something. Run: npm run e2e (needs dist/weapp).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TAB_PAGES } from '@sbd/contracts';
import { routesOf, validateMiniProgram } from './wechat-json';

const weapp = path.resolve(__dirname, '../../dist/weapp');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** A copy of the build with `edit` applied to one of its json files. */
function brokenCopy(file: string, edit: (json: Record<string, unknown>) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbd-weapp-'));
  fs.cpSync(weapp, dir, { recursive: true });
  const json = readJson(path.join(dir, file));
  edit(json);
  fs.writeFileSync(path.join(dir, file), JSON.stringify(json));
  return dir;
}

describe("WeChat's validation of the weapp build's json", () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(weapp, 'app.json'))) throw new Error('dist/weapp is missing: npm run build:weapp');
  });

  it('accepts app.json and every page json', async () => {
    const app = readJson(path.join(weapp, 'app.json'));
    const { errors, pages } = await validateMiniProgram(weapp);
    expect(errors).toEqual([]);
    expect(pages).toBe(routesOf(app).length);
    expect(pages).toBeGreaterThan(20);
  }, 60_000);

  it('built the tab bar, its icons and the privacy check into app.json', () => {
    const app = readJson(path.join(weapp, 'app.json'));
    expect(app.__usePrivacyCheck__).toBe(true);
    expect(app.tabBar.list.map((t: { pagePath: string }) => `/${t.pagePath}`)).toEqual([...TAB_PAGES]);
    for (const t of app.tabBar.list) {
      expect(fs.statSync(path.join(weapp, t.iconPath)).size).toBeLessThanOrEqual(40 * 1024);
      expect(fs.statSync(path.join(weapp, t.selectedIconPath)).size).toBeLessThanOrEqual(40 * 1024);
    }
  });

  it('refuses a tab bar with one item, a tab icon that is not there, and a page json of the wrong type', async () => {
    const oneTab = brokenCopy('app.json', (app) => {
      const tabBar = app.tabBar as { list: unknown[] };
      tabBar.list = tabBar.list.slice(0, 1);
    });
    expect((await validateMiniProgram(oneTab)).errors.join('\n')).toMatch(/tabBar.*list.*at least 2/);

    const noIcon = brokenCopy('app.json', (app) => {
      (app.tabBar as { list: { iconPath: string }[] }).list[1].iconPath = 'assets/tabbar/missing.png';
    });
    expect((await validateMiniProgram(noIcon)).errors.join('\n')).toMatch(/missing\.png.*not found/);

    const badPage = brokenCopy('pages/me/index.json', (page) => {
      page.enablePullDownRefresh = 'yes';
    });
    expect((await validateMiniProgram(badPage)).errors).toEqual([
      expect.stringMatching(/pages\/me\/index\.json.*enablePullDownRefresh.*boolean/),
    ]);
    for (const dir of [oneTab, noIcon, badPage]) fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
