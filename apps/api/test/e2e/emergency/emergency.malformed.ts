/** The malformed-body table of the emergency routes: a call-up (应急集结), answering it, grouping, closing. */
import { CallupResponse, type CallupDto } from '@sbd/contracts';
import { aCallup, AT_THE_TASK } from '../../support/factories';
import type { LoopWorld } from '../../support/loop-world';
import {
  badDateTime,
  badEnum,
  badId,
  badInt,
  badLatitude,
  badLongitude,
  badNote,
  badText,
} from '../../support/malformed';
import { must, type MalformedRoute } from '../../support/malformed-routes';

/** `callup()` is an open call-up of A, made before the routes run (so it reaches memberA). */
export function emergencyMalformedRoutes(w: () => LoopWorld, callup: () => CallupDto): MalformedRoute[] {
  let toClose: CallupDto;
  return [
    {
      method: 'post',
      path: '/api/callups',
      user: () => w().admin,
      bad: {
        scopeNodeId: badId(),
        title: badText(50, { notBlank: true }),
        description: badText(500, { notBlank: true }),
        place: badText(255, { notBlank: true }),
        latitude: badLatitude({ nullOk: true }),
        longitude: badLongitude({ nullOk: true }),
        musterAt: badDateTime({ nullOk: true }),
        needed: badInt(1, 10000, { nullOk: true }),
      },
      valid: () => ({
        ...aCallup(w().city.a, {
          description: '地下车库进水，需要党员协助转移车辆和沙袋封堵',
          ...AT_THE_TASK,
          musterAt: new Date(Date.now() + 3600_000).toISOString(),
          needed: 6,
        }),
      }),
      validStatus: 201,
    },
    {
      method: 'post',
      path: '/api/callups/:id/respond',
      id: () => callup().id,
      user: () => w().memberA,
      bad: {
        response: badEnum(Object.values(CallupResponse)),
        etaMinutes: badInt(0, 24 * 60, { nullOk: true }),
        note: badNote(200),
      },
      valid: () => ({ response: CallupResponse.Available, etaMinutes: 15, note: '马上到' }),
      validStatus: 200,
    },
    {
      method: 'post',
      path: '/api/callups/:id/groups',
      id: () => callup().id,
      user: () => w().admin,
      bad: { groupSize: badInt(1, 100) },
      valid: () => ({ groupSize: 2 }),
      validStatus: 200,
    },
    {
      method: 'post',
      path: '/api/callups/:id/close',
      id: () => toClose.id,
      user: () => w().admin,
      bad: {},
      valid: () => ({}),
      validStatus: 200,
      before: async () => {
        const body = aCallup(w().city.a, { title: '演练', description: '防汛演练集结', place: '社区广场' });
        toClose = (await must(w().t.http().post('/api/callups').set(w().admin.auth).send(body), 201)).body as CallupDto;
      },
      noBody: true,
    },
  ];
}
