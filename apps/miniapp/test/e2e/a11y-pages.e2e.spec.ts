/**
 * Every page of the H5 build (PAGES in @sbd/contracts, the same list as app.config.ts), opened by
 * the person who uses it, in 标准版 and in 长辈版: axe-core (WCAG 2.1 AA and best practices) finds
 * no critical or serious violation, the page has one `main` landmark and a heading, text is at
 * least 14 px (18 px in 长辈版, with 60-px tap targets). An unknown address shows the 404 page,
 * whose button goes back to 首页.
 *
 * Runs on the shared API of the e2e run (loop-global.ts) before the loop story; it changes
 * nothing. Pages showing one record open the latest one in the database (1 when there is none:
 * the page's "not found" state). Screenshots: test/e2e/screenshots/*-a11y-*.png.
 */
import type { PageKey } from '@sbd/contracts';
import type { Page } from 'playwright-core';
import { PAGES } from '@sbd/contracts';
import { accessibilityProblems, login, shot } from './harness';
import { loopWorld } from './loop-world';
import { PAGE_ID_TABLE, PAGE_KEYS, PAGE_USERS, describeViolations, seriousViolations, settled } from './a11y-axe';

// better-sqlite3 is installed for the API; no type package in the workspace.
interface SqliteDb {
  prepare(sql: string): { get(...params: unknown[]): Record<string, unknown> | undefined };
  close(): void;
}
const Database = require('better-sqlite3') as new (file: string, opts?: { readonly?: boolean }) => SqliteDb;

const w = loopWorld();
const api = w.api;
const phones = new Map<string, Page>();

function latestId(table: string): number {
  const db = new Database(api.sqlitePath, { readonly: true });
  try {
    const row = db.prepare(`SELECT MAX(id) AS id FROM ${table}`).get();
    return Number(row?.id) || 1;
  } finally {
    db.close();
  }
}

function urlOf(key: PageKey): string {
  const table = PAGE_ID_TABLE[key];
  return `${api.baseUrl}${PAGES[key]}${table ? `?id=${latestId(table)}` : ''}`;
}

/** One phone per person and mode, logged in once. */
async function phoneOf(who: string | null, elderly: boolean): Promise<Page> {
  const key = `${elderly ? 'elderly' : 'standard'} ${who ?? 'anonymous'}`;
  let page = phones.get(key);
  if (!page) {
    page = await w.newPhone(key, elderly);
    if (who) await login(page, api.baseUrl, who);
    phones.set(key, page);
  }
  return page;
}

/** Text on the page smaller than `px` (computed size), with the text itself. */
function smallText(page: Page, px: number): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    const root = document.querySelector('.sbd-page');
    if (!root) return ['no .sbd-page on screen'];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const parent = n.parentElement;
      if (!text || !parent || parent.getClientRects().length === 0) continue;
      const size = parseFloat(getComputedStyle(parent).fontSize);
      if (size < min - 0.01) out.push(`${size}px: ${text.slice(0, 30)}`);
    }
    return out;
  }, px);
}

describe.each([
  ['标准版', false],
  ['长辈版', true],
])('%s: every page passes axe-core', (mode, elderly) => {
  it.each(PAGE_KEYS)(
    '%s',
    async (key) => {
      const page = await phoneOf(PAGE_USERS[key], elderly);
      await page.goto(urlOf(key));
      await settled(page, elderly);
      const violations = await seriousViolations(page);
      await shot(page, `a11y-${elderly ? 'elderly' : 'standard'}-${key}`, { full: true });
      if (violations.length) throw new Error(`axe-core (${mode}):\n\n${describeViolations(key, violations)}`);

      expect(await page.getByRole('main').count()).toBe(1);
      expect(await page.getByRole('heading').count()).toBeGreaterThan(0);
      if (elderly) expect(await accessibilityProblems(page, true)).toEqual([]);
      else expect(await smallText(page, 14)).toEqual([]);
    },
    60_000,
  );
});

describe('an unknown address', () => {
  it.each([
    ['a page path that does not exist', '/pages/nope/index'],
    ['a path outside the app', '/no/such/place'],
  ])('%s shows the 404 page in Chinese, and its button goes back to 首页', async (_, path) => {
    const page = await phoneOf(PAGE_USERS.home, false);
    await page.goto(`${api.baseUrl}${path}`);
    await page.getByRole('heading', { name: '页面不存在' }).waitFor();
    await page.getByText(path).waitFor();
    expect(await page.getByRole('main').count()).toBe(1);
    const violations = await seriousViolations(page);
    if (violations.length) throw new Error(describeViolations(path, violations));
    await shot(page, `a11y-404${path.replace(/\//g, '-')}`);

    await page.getByRole('button', { name: '回到首页' }).click();
    await page.getByText(/^您好，/).waitFor();
    expect(new URL(page.url()).pathname).toBe(PAGES.home);
  });
});

it('no page threw an uncaught error', () => {
  expect(w.pageErrors).toEqual([]);
});
