import fs from 'node:fs';
import path from 'node:path';
import { PAGES, TAB_PAGES, pageUrl } from '@sbd/contracts';

/**
 * app.config.ts stays literal (Taro's config compiler reads it on its own), so this keeps its
 * routes and @sbd/contracts' PAGES the same set.
 */
interface AppConfigShape {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }[] };
  __usePrivacyCheck__?: boolean;
}

function loadAppConfig(): AppConfigShape {
  const g = globalThis as { defineAppConfig?: (c: AppConfigShape) => AppConfigShape };
  const before = g.defineAppConfig;
  g.defineAppConfig = (c) => c;
  try {
    return (require('./app.config') as { default: AppConfigShape }).default;
  } finally {
    g.defineAppConfig = before;
  }
}

describe('app.config.ts and PAGES', () => {
  const config = loadAppConfig();
  const routes = [
    ...config.pages.map((p) => `/${p}`),
    ...config.subPackages.flatMap((s) => s.pages.map((p) => `/${s.root}/${p}`)),
  ];

  it('routes every page in PAGES, and nothing else', () => {
    expect([...routes].sort()).toEqual([...Object.values(PAGES)].sort());
  });

  it('has no duplicate route', () => {
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('starts on the home page', () => {
    expect(`/${config.pages[0]}`).toBe(PAGES.home);
  });
});

describe('tab bar and privacy check (app.config.ts)', () => {
  const config = loadAppConfig();
  const list = config.tabBar?.list ?? [];

  it('has the tabs 首页 / 任务 / 消息 / 我的 on the TAB_PAGES, in that order', () => {
    expect(list.map((t) => t.text)).toEqual(['首页', '任务', '消息', '我的']);
    expect(list.map((t) => `/${t.pagePath}`)).toEqual([...TAB_PAGES]);
  });

  it('keeps every tab page in the main package (WeChat: 2 to 5 tabs, pagePath in pages)', () => {
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list.length).toBeLessThanOrEqual(5);
    for (const tab of list) expect(config.pages).toContain(tab.pagePath);
  });

  it('has an icon and a selected icon for every tab: PNG files of at most 40 KB', () => {
    for (const tab of list) {
      for (const icon of [tab.iconPath, tab.selectedIconPath]) {
        expect(icon).toMatch(/\.png$/);
        const file = path.join(__dirname, icon ?? '');
        expect(fs.existsSync(file)).toBe(true);
        expect(fs.statSync(file).size).toBeLessThanOrEqual(40 * 1024);
        expect(fs.readFileSync(file).subarray(1, 4).toString('latin1')).toBe('PNG');
      }
    }
  });

  it("turns WeChat's privacy check on", () => {
    expect(config.__usePrivacyCheck__).toBe(true);
  });
});

describe('pageUrl', () => {
  it('adds the query, encoded, leaving out empty values', () => {
    expect(pageUrl(PAGES.register, { community: 'A1 B', x: undefined, y: '' })).toBe(
      '/packageMember/pages/register/index?community=A1%20B',
    );
    expect(pageUrl(PAGES.task, { id: 7 })).toBe('/packageMember/pages/task/index?id=7');
    expect(pageUrl(PAGES.home)).toBe('/pages/index/index');
  });
});
