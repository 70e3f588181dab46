/**
 * The service loop, last part (after loop-1 … loop-3, on the same API): every page the story went
 * through, opened again in 长辈版 by the person who used it, keeps ≥ 18 px text, ≥ 60 px tap targets
 * and fits the 375-px screen.
 */
import type { Page } from 'playwright-core';
import { accessibilityProblems, login, shot } from './harness';
import { ADMIN, MEMBER, RESIDENT, UNIT_ADMIN, earlier, loopWorld, noPageErrors, step } from './loop-world';

const w = loopWorld();
const api = w.api;

describe('长辈版 in the browser (H5, 375 px)', () => {
  step(
    '长辈版: the new pages keep ≥ 18 px text, ≥ 60 px tap targets and fit 375 px',
    async () => {
      const [needId, taskId, task2Id] = [earlier('needId'), earlier('taskId'), earlier('task2Id')];
      const checks: [string, string, string][] = [
        [RESIDENT, '/packageResident/pages/post/index', 'elderly-post-need'],
        [RESIDENT, `/packageResident/pages/need/index?id=${needId}`, 'elderly-need'],
        [MEMBER, '/pages/tasks/index', 'elderly-feed'],
        [MEMBER, `/packageMember/pages/task/index?id=${taskId}`, 'elderly-task'],
        [MEMBER, '/packageMember/pages/claims/index', 'elderly-claims'],
        [MEMBER, '/packageMember/pages/points/index', 'elderly-points'],
        [ADMIN, '/packageAdmin/pages/needs/index', 'elderly-triage'],
        [ADMIN, `/packageAdmin/pages/task/index?id=${taskId}`, 'elderly-admin-task'],
        [ADMIN, '/pages/index/index', 'elderly-admin-home'],
        [RESIDENT, '/packageResident/pages/needs/index', 'elderly-my-needs'],
        [RESIDENT, '/pages/inbox/index', 'elderly-inbox'],
        [MEMBER, '/packageMember/pages/hours/index', 'elderly-hours'],
        [MEMBER, '/packageMember/pages/callup/index', 'elderly-member-callup'],
        [ADMIN, '/packageAdmin/pages/tasks/index', 'elderly-admin-tasks'],
        [ADMIN, '/packageAdmin/pages/publish/index', 'elderly-publish'],
        [ADMIN, '/packageResident/pages/post/index', 'elderly-proxy-need'],
        [ADMIN, '/packageAdmin/pages/callup/index', 'elderly-admin-callup'],
        [ADMIN, `/packageAdmin/pages/checkin-code/index?id=${task2Id}`, 'elderly-checkin-code'],
        [ADMIN, '/packageStats/pages/dashboard/index', 'elderly-dashboard'],
        [UNIT_ADMIN, '/packageStats/pages/records/index', 'elderly-member-records'],
        [UNIT_ADMIN, '/packageStats/pages/roster/index', 'elderly-roster'],
        [UNIT_ADMIN, '/packageStats/pages/dashboard/index', 'elderly-unit-dashboard'],
      ];
      const problems: string[] = [];
      const pages = new Map<string, Page>();
      for (const [who, path, name] of checks) {
        let page = pages.get(who);
        if (!page) {
          page = await w.newPhone(`elderly ${who}`, true);
          await login(page, api.baseUrl, who);
          pages.set(who, page);
        }
        await page.goto(`${api.baseUrl}${path}`);
        await page.locator('.sbd-page.sbd-elderly').waitFor();
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        for (const p of await accessibilityProblems(page, true)) problems.push(`${name}: ${p}`);
        await shot(page, name, { full: true });
      }
      expect(problems).toEqual([]);
    },
    240_000,
  );

  noPageErrors(w);
});
