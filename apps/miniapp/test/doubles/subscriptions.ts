/**
 * The subscribe-message part of a fake API, for page specs: templates per moment, choices
 * (counted per template as the API does), the standing; plus a task (21) and needs to act on.
 */
import { NeedStatus, type SubscribeMoment } from '@sbd/contracts';
import { fakeApi, type ApiCall } from './api';
import { makeClaim, makeNeed, makeTask } from './fixtures';

/** The templates the API hands out per moment. */
const TEMPLATES: Record<string, string[]> = {
  after_claim: ['tmpl-remind', 'tmpl-task'],
  after_need: ['tmpl-need'],
  remind_me: ['tmpl-remind'],
};

/** The API: templates, choices (counted per template), the task and its claim, needs. */
export function subscriptionsApi(opts: { claimed?: boolean } = {}) {
  const remaining = new Map<string, number>();
  const task = makeTask({ capacity: 3, claimedCount: 1 });
  const state = { task: opts.claimed ? { ...task, myClaim: makeClaim(task) } : task };
  const standing = () =>
    [...remaining].map(([templateId, n]) => ({ templateId, kinds: [], label: '', remaining: n, lastChoice: null }));
  const calls = fakeApi((method, path, body, query) => {
    if (path === '/api/subscriptions/templates') {
      const moment = query.get('moment') as SubscribeMoment;
      return [
        200,
        { moment, templates: (TEMPLATES[moment] ?? []).map((templateId) => ({ templateId, kinds: [], label: '' })) },
      ];
    }
    if (path === '/api/subscriptions/choices') {
      for (const c of (body as { choices: { templateId: string; choice: string }[] }).choices) {
        remaining.set(c.templateId, c.choice === 'accept' ? (remaining.get(c.templateId) ?? 0) + 1 : 0);
      }
      return [200, standing()];
    }
    if (path === '/api/subscriptions') return [200, standing()];
    if (method === 'GET' && path === '/api/tasks/21') return [200, state.task];
    if (method === 'POST' && path === '/api/claims') {
      state.task = { ...task, claimedCount: 2, myClaim: makeClaim(task) };
      return [201, state.task.myClaim];
    }
    if (path === '/api/needs/duplicates') return [200, []];
    if (path === '/api/needs' && method === 'POST') return [201, makeNeed({ id: 99, status: NeedStatus.Held })];
    return undefined;
  });
  return { calls, remaining };
}
/** The bodies of POST /api/subscriptions/choices, in order. */
export const recorded = (calls: ApiCall[]) =>
  calls.filter((c) => c.path === '/api/subscriptions/choices').map((c) => c.body);
