/** The malformed-body table of the tasks routes: create (下单), publish, start, complete, close, cancel. */
import { TaskKind, TaskTarget, type PointsRule, type TaskDto } from '@sbd/contracts';
import fc from 'fast-check';
import { aTask } from '../../support/factories';
import type { LoopWorld } from '../../support/loop-world';
import {
  badBoolean,
  badDateTime,
  badEnum,
  badId,
  badIds,
  badInt,
  badLatitude,
  badLongitude,
  badNested,
  badStrings,
  badText,
} from '../../support/malformed';
import type { MalformedRoute } from '../../support/malformed-routes';

export const POINTS_RULE: PointsRule = { perHour: 10, minimum: 5, max: 100 };

export function tasksMalformedRoutes(w: () => LoopWorld): MalformedRoute[] {
  let task: TaskDto;
  /** An action on a fresh task of the given state, by the community's admin; it takes no input. */
  const action = (name: string, state: Parameters<LoopWorld['taskIn']>[0]): MalformedRoute => ({
    method: 'post',
    path: `/api/tasks/:id/${name}`,
    id: () => task.id,
    user: () => w().admin,
    bad: {},
    valid: () => ({}),
    validStatus: 200,
    before: async () => {
      task = await w().taskIn(state);
    },
    noBody: true,
  });
  return [
    {
      method: 'post',
      path: '/api/tasks',
      user: () => w().admin,
      bad: {
        communityId: badId(),
        kind: badEnum(Object.values(TaskKind)),
        target: badEnum(Object.values(TaskTarget)),
        title: badText(50, { notBlank: true }),
        description: badText(2000, { notBlank: true }),
        capacity: badInt(1, 1000),
        waitlist: badBoolean({ nullOk: true }),
        startAt: badDateTime(),
        endAt: badDateTime(),
        place: badText(255, { notBlank: true }),
        latitude: badLatitude({ nullOk: true }),
        longitude: badLongitude({ nullOk: true }),
        checkinRadiusM: badInt(20, 5000, { nullOk: true }),
        positionIds: badIds(8, { nullOk: true }),
        skills: badStrings(10, 20, { nullOk: true }),
        pointsRule: fc.oneof(
          badNested(
            { ...POINTS_RULE },
            { perHour: badInt(0, 1000), minimum: badInt(0, 1000), max: badInt(0, 10000) },
            {
              nullOk: true,
              required: ['perHour', 'minimum', 'max'],
            },
          ),
          // Each number in range, but a minimum above the cap.
          fc
            .integer({ min: 0, max: 999 })
            .chain((max) => fc.integer({ min: max + 1, max: 1000 }).map((minimum) => ({ perHour: 10, minimum, max }))),
        ),
        needIds: badIds(20, { nullOk: true }),
        branchIds: badIds(20, { nullOk: true }),
        withdrawCutoffMinutes: badInt(0, 7 * 24 * 60, { nullOk: true }),
        publish: badBoolean({ nullOk: true }),
      },
      valid: () => ({
        ...aTask(w().city.a, {
          pointsRule: POINTS_RULE,
          skills: ['电工'],
          checkinRadiusM: 300,
          withdrawCutoffMinutes: 60,
        }),
      }),
      validStatus: 201,
    },
    action('publish', 'draft'),
    action('start', 'published'),
    action('complete', 'in_progress'),
    action('close', 'completed'),
    {
      method: 'post',
      path: '/api/tasks/:id/cancel',
      id: () => task.id,
      user: () => w().admin,
      bad: { reason: badText(200, { notBlank: true }) },
      valid: () => ({ reason: '天气原因，活动延期' }),
      validStatus: 200,
      before: async () => {
        task = await w().taskIn('published');
      },
    },
  ];
}
