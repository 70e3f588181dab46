/** The malformed-body table of the matching routes: inviting members to a task, declining, the community's weights. */
import type { TaskDto } from '@sbd/contracts';
import fc from 'fast-check';
import { createApprovedMembers, startingIn, type TestUser } from '../../support/factories';
import type { LoopWorld } from '../../support/loop-world';
import { POISON, badIds, badNumber, notAnObject } from '../../support/malformed';
import { must, type MalformedRoute } from '../../support/malformed-routes';

const DAY = 24 * 3600_000;

export function matchingMalformedRoutes(w: () => LoopWorld): MalformedRoute[] {
  let task: TaskDto;
  let invitee: TestUser;
  let inviteId: number;
  return [
    {
      method: 'post',
      path: '/api/tasks/:id/invites',
      id: () => task.id,
      user: () => w().admin,
      bad: { userIds: badIds(100, { minSize: 1 }) },
      valid: () => ({ userIds: [invitee.id] }),
      validStatus: 201,
      before: async () => {
        task = await w().taskIn('published', startingIn(2 * DAY));
        [invitee] = await createApprovedMembers(w().t, w().city.a, 1);
      },
    },
    {
      method: 'post',
      path: '/api/invites/:id/decline',
      id: () => inviteId,
      user: () => invitee,
      bad: {},
      valid: () => ({}),
      validStatus: 200,
      before: async () => {
        const { t, city, admin } = w();
        const tk = await w().taskIn('published', startingIn(3 * DAY));
        [invitee] = await createApprovedMembers(t, city.a, 1);
        const res = await must(
          t
            .http()
            .post(`/api/tasks/${tk.id}/invites`)
            .set(admin.auth)
            .send({ userIds: [invitee.id] }),
          201,
        );
        inviteId = (res.body as { id: number }[])[0].id;
      },
      noBody: true,
    },
    {
      method: 'put',
      path: '/api/communities/:id/matching-weights',
      id: () => w().city.a.id,
      user: () => w().admin,
      bad: {
        weights: fc.oneof(
          notAnObject,
          fc.constant(null),
          fc.constant([]),
          fc.constant([{ position: 1 }]),
          fc
            .tuple(
              fc.constantFrom('position', 'skill', 'distance', 'time', 'fairness', 'rating', 'urgency'),
              badNumber(0, 10),
            )
            .map(([k, v]) => ({ position: 3, [k]: v })),
          fc.constant({ position: 3, [POISON]: 1 }),
        ),
      },
      valid: () => ({ weights: { position: 3, urgency: 1 } }),
      validStatus: 200,
    },
  ];
}
