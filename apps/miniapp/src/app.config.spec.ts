import { PAGES, pageUrl } from '@sbd/contracts';

/**
 * app.config.ts stays literal (Taro's config compiler reads it on its own), so this keeps its
 * routes and @sbd/contracts' PAGES the same set.
 */
interface AppConfigShape {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
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

describe('pageUrl', () => {
  it('adds the query, encoded, leaving out empty values', () => {
    expect(pageUrl(PAGES.register, { community: 'A1 B', x: undefined, y: '' })).toBe(
      '/packageMember/pages/register/index?community=A1%20B',
    );
    expect(pageUrl(PAGES.task, { id: 7 })).toBe('/packageMember/pages/task/index?id=7');
    expect(pageUrl(PAGES.home)).toBe('/pages/index/index');
  });
});
