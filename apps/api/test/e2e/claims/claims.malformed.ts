/** The malformed-body table of the claims routes: claim (接单), withdraw, confirm, check in and out, verify, reject, no-show, rate, back-fill. */
import type { ClaimDto, TaskDto } from '@sbd/contracts';
import fc from 'fast-check';
import { AT_THE_TASK, createApprovedMembers, startingIn, type TestUser } from '../../support/factories';
import type { ClaimState, LoopWorld } from '../../support/loop-world';
import {
  badBoolean,
  badId,
  badIds,
  badInt,
  badLatitude,
  badLongitude,
  badNote,
  badNumber,
  badText,
  finiteDouble,
  nonMatching,
  smallArray,
  smallObject,
} from '../../support/malformed';
import { must, type MalformedRoute } from '../../support/malformed-routes';

const checkIn = {
  code: fc.oneof(fc.integer(), finiteDouble, fc.boolean(), smallArray, smallObject, nonMatching(/^\d{6}$/)),
  latitude: badLatitude(),
  longitude: badLongitude(),
  accuracyM: badNumber(0, 10000, { nullOk: true }),
};

export function claimsMalformedRoutes(w: () => LoopWorld): MalformedRoute[] {
  let task: TaskDto;
  let claim: ClaimDto;
  let claimant: TestUser;
  /** Brings a fresh member's claim to `state`: the row the next route acts on. */
  const onClaim = (state: ClaimState) => async () => {
    ({ claim, member: claimant } = await w().claimIn(state));
  };
  return [
    {
      method: 'post',
      path: '/api/claims',
      user: () => claimant,
      bad: {
        taskId: badId(),
        branchId: badId(),
        memberUserIds: badIds(100, { minSize: 1 }),
        joinWaitlist: badBoolean({ nullOk: true }),
      },
      valid: () => ({ taskId: task.id, joinWaitlist: true }),
      validStatus: 201,
      before: async () => {
        task = await w().taskIn('published');
        [claimant] = await createApprovedMembers(w().t, w().city.a, 1);
      },
    },
    {
      method: 'post',
      path: '/api/claims/:id/withdraw',
      id: () => claim.id,
      user: () => claimant,
      bad: {},
      valid: () => ({}),
      validStatus: 200,
      before: async () => {
        const { t, city } = w();
        const tk = await w().taskIn('published', startingIn(5 * 3600_000));
        [claimant] = await createApprovedMembers(t, city.a, 1);
        claim = (await must(t.http().post('/api/claims').set(claimant.auth).send({ taskId: tk.id }), 201))
          .body as ClaimDto;
      },
      noBody: true,
    },
    {
      method: 'post',
      path: '/api/claims/:id/confirm',
      id: () => claim.id,
      user: () => claimant,
      bad: {},
      valid: () => ({}),
      validStatus: 200,
      before: async () => {
        // One place: the second member waits, the first withdraws, the second holds the place until confirmed.
        const { t, city } = w();
        const tk = await w().taskIn('published', { capacity: 1, ...startingIn(5 * 3600_000) });
        const [first, second] = await createApprovedMembers(t, city.a, 2);
        const c1 = (await must(t.http().post('/api/claims').set(first.auth).send({ taskId: tk.id }), 201))
          .body as ClaimDto;
        const c2 = (await must(t.http().post('/api/claims').set(second.auth).send({ taskId: tk.id }), 201))
          .body as ClaimDto;
        await must(t.http().post(`/api/claims/${c1.id}/withdraw`).set(first.auth), 200);
        claim = c2;
        claimant = second;
      },
      noBody: true,
    },
    {
      method: 'post',
      path: '/api/claims/:id/check-in',
      id: () => claim.id,
      user: () => claimant,
      bad: checkIn,
      valid: () => ({ ...AT_THE_TASK, accuracyM: 15 }),
      validStatus: 200,
      before: onClaim('claimed'),
    },
    {
      method: 'post',
      path: '/api/claims/:id/check-out',
      id: () => claim.id,
      user: () => claimant,
      bad: checkIn,
      valid: () => ({ ...AT_THE_TASK, accuracyM: 15 }),
      validStatus: 200,
      before: onClaim('checked_in'),
    },
    {
      method: 'post',
      path: '/api/claims/:id/verify',
      id: () => claim.id,
      user: () => w().admin,
      bad: { score: badInt(1, 5), comment: badNote(300) },
      valid: () => ({ score: 5, comment: '认真负责' }),
      validStatus: 200,
      before: onClaim('checked_out'),
    },
    {
      method: 'post',
      path: '/api/claims/:id/reject',
      id: () => claim.id,
      user: () => w().admin,
      bad: { reason: badText(200, { notBlank: true }) },
      valid: () => ({ reason: '签到后未实际参加服务' }),
      validStatus: 200,
      before: onClaim('checked_out'),
    },
    {
      method: 'post',
      path: '/api/claims/:id/no-show',
      id: () => claim.id,
      user: () => w().admin,
      bad: {},
      valid: () => ({}),
      validStatus: 200,
      before: onClaim('claimed'),
      noBody: true,
    },
    {
      method: 'post',
      path: '/api/claims/:id/rating',
      id: () => claim.id,
      user: () => w().admin,
      bad: { score: badInt(1, 5), comment: badNote(300) },
      valid: () => ({ score: 4, comment: '服务周到' }),
      validStatus: 200,
      before: onClaim('verified'),
    },
    {
      method: 'post',
      path: '/api/backfills',
      user: () => w().admin,
      bad: {
        userId: badId(),
        communityId: badId(),
        taskId: fc.oneof(badId({ nullOk: true }), fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER })),
        hours: badNumber(0.5, 24),
        reason: badText(200, { notBlank: true }),
      },
      valid: () => ({ userId: w().memberA.id, communityId: w().city.a.id, hours: 2.5, reason: '系统上线前的线下服务' }),
      validStatus: 201,
    },
  ];
}
