/**
 * What the a11y-*.e2e.spec.ts files share: axe-core injected into the H5 page (the version in
 * apps/miniapp's devDependencies), its critical and serious violations written out readably, and
 * who opens which page of the mini-program.
 */
import { PAGES, type PageKey } from '@sbd/contracts';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ADMIN, MEMBER, RESIDENT, SECRETARY, UNIT_ADMIN } from './loop-world';

/** A member whose registration waits for approval (the register and status pages). */
export const PENDING_MEMBER = '13800000009';

/** The person who uses each page; null: opened without logging in. */
export const PAGE_USERS: Record<PageKey, string | null> = {
  home: RESIDENT,
  login: null,
  me: RESIDENT,
  inbox: RESIDENT,
  invitations: SECRETARY,
  tasks: MEMBER,
  notFound: null,
  postNeed: RESIDENT,
  myNeeds: RESIDENT,
  joinCommunity: PENDING_MEMBER,
  need: RESIDENT,
  register: PENDING_MEMBER,
  status: PENDING_MEMBER,
  card: MEMBER,
  profile: MEMBER,
  task: MEMBER,
  claims: MEMBER,
  hours: MEMBER,
  points: MEMBER,
  callup: MEMBER,
  branchClaim: SECRETARY,
  approvals: ADMIN,
  review: ADMIN,
  poster: ADMIN,
  triage: ADMIN,
  publish: ADMIN,
  adminTasks: ADMIN,
  adminTask: ADMIN,
  checkinCode: ADMIN,
  adminCallup: ADMIN,
  checkCard: ADMIN,
  statsDashboard: UNIT_ADMIN,
  memberRecords: UNIT_ADMIN,
  annualReport: UNIT_ADMIN,
  roster: UNIT_ADMIN,
};

/** Pages that show one record: opened with the latest id of this table, or 1 when it is empty. */
export const PAGE_ID_TABLE: Partial<Record<PageKey, string>> = {
  need: 'needs',
  task: 'tasks',
  adminTask: 'tasks',
  checkinCode: 'tasks',
  review: 'registrations',
};

export const PAGE_KEYS = Object.keys(PAGES) as PageKey[];

export interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

let axeSource = '';

/**
 * Puts axe-core into the page once (a later call on the same document does nothing). Evaluated
 * through the DevTools protocol: the API's Content-Security-Policy (script-src 'self' and a hash)
 * rightly refuses the inline <script> that page.addScriptTag would add.
 */
export async function injectAxe(page: Page): Promise<void> {
  const present = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (present) return;
  axeSource ||= readFileSync(require.resolve('axe-core'), 'utf8');
  await page.evaluate(axeSource);
}

/**
 * Waits until nothing is mid-fade or mid-slide (a spinner that turns forever aside): axe would read
 * a colour half-way through a transition as low contrast, which is not what the user looks at.
 */
export async function stillPage(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
  );
}

/**
 * axe-core's critical and serious violations on what the phone shows now (WCAG 2.1 A/AA and best
 * practices; hidden earlier pages of Taro's stack are skipped by axe itself).
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await stillPage(page);
  await injectAxe(page);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    })) as { violations: AxeViolation[] };
    return result.violations;
  });
  return violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
}

/** One paragraph per violation: rule, impact, help, and each offending element with axe's reason. */
export function describeViolations(where: string, violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 8)
        .map(
          (n) =>
            `    ${n.target.join(' ')}\n      ${n.html.slice(0, 160)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`,
        )
        .join('\n');
      const more = v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : '';
      return `${where}: ${v.id} (${v.impact}) ${v.help}\n  ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n\n');
}

/** Waits until the page on screen has rendered and its requests have settled. */
export async function settled(page: Page, elderly: boolean): Promise<void> {
  await page
    .locator(elderly ? '.sbd-page.sbd-elderly' : '.sbd-page')
    .last()
    .waitFor();
  await page.waitForLoadState('networkidle');
  await stillPage(page);
}
