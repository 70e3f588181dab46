/** The malformed-body table of the needs routes: 点单, duplicate check, the staff's decisions, withdraw, 评单, "+1". */
import { NeedCategory, type NeedDto } from '@sbd/contracts';
import fc from 'fast-check';
import { aNeed, type TestUser } from '../../support/factories';
import type { LoopWorld, NeedState } from '../../support/loop-world';
import {
  badBoolean,
  badDateTime,
  badEnum,
  badId,
  badInt,
  badLatitude,
  badLongitude,
  badNested,
  badNote,
  badPhone,
  badText,
  nonMatching,
  notAString,
  notAnArray,
} from '../../support/malformed';
import type { MalformedRoute } from '../../support/malformed-routes';

const noteOnly = { note: badNote(200) };

export function needsMalformedRoutes(w: () => LoopWorld): MalformedRoute[] {
  let need: NeedDto;
  let mergeTarget: NeedDto;
  let neighbour: TestUser;
  const onNeed = (state: NeedState) => async () => {
    need = await w().needIn(state);
  };
  return [
    {
      method: 'post',
      path: '/api/needs',
      user: () => w().resident,
      bad: {
        communityId: badId(),
        category: badEnum(Object.values(NeedCategory)),
        title: badText(50, { notBlank: true }),
        description: badText(500, { notBlank: true }),
        // null reads as absent for every optional field of a need (needs posting: "reads null optional fields as absent").
        buildingId: badId({ nullOk: true }),
        place: badNote(100),
        latitude: badLatitude({ nullOk: true }),
        longitude: badLongitude({ nullOk: true }),
        expectedAt: badDateTime({ nullOk: true }),
        photos: fc.oneof(
          notAnArray,
          fc.array(
            fc.uuid().map((u) => `/api/uploads/${u}`),
            { minLength: 4, maxLength: 6 },
          ),
          fc.uuid().map((u) => [`/api/uploads/${u}`, `/api/uploads/${u}`]),
          fc.tuple(fc.oneof(notAString, nonMatching(/^\/api\/uploads\/[0-9a-f-]{36}$/))).map(([bad]) => [bad]),
        ),
        contactPhone: badPhone({ nullOk: true }),
        onBehalfOf: badNested(
          { name: '王秀英', phone: '13955556666' },
          { name: badText(50, { notBlank: true }), phone: badPhone({ nullOk: true }) },
          {
            nullOk: true,
            required: ['name'],
          },
        ),
      },
      valid: () => ({
        ...aNeed(w().city.a, {
          expectedAt: '2030-05-01T09:00:00.000Z',
          contactPhone: '13900001111',
          latitude: 31.98,
          longitude: 120.89,
        }),
      }),
      validStatus: 201,
    },
    {
      method: 'post',
      path: '/api/needs/duplicates',
      user: () => w().resident,
      bad: {
        communityId: badId(),
        category: badEnum(Object.values(NeedCategory)),
        title: badText(50, { notBlank: true }),
        description: badNote(500),
        buildingId: badId({ nullOk: true }),
      },
      valid: () => ({
        communityId: w().city.a.id,
        category: NeedCategory.Repair,
        title: '三号楼的楼道灯坏了',
        buildingId: w().city.a.buildingId,
      }),
      validStatus: 200,
    },
    {
      method: 'post',
      path: '/api/needs/:id/release',
      id: () => need.id,
      user: () => w().admin,
      bad: noteOnly,
      valid: () => ({ note: '已核实' }),
      validStatus: 200,
      before: onNeed('held'),
    },
    {
      method: 'post',
      path: '/api/needs/:id/accept',
      id: () => need.id,
      user: () => w().admin,
      bad: noteOnly,
      valid: () => ({ note: '已安排' }),
      validStatus: 200,
      before: onNeed('submitted'),
    },
    {
      method: 'post',
      path: '/api/needs/:id/reject',
      id: () => need.id,
      user: () => w().admin,
      bad: { reason: badText(200, { notBlank: true }) },
      valid: () => ({ reason: '不属于社区服务范围，已转物业处理' }),
      validStatus: 200,
      before: onNeed('submitted'),
    },
    {
      method: 'post',
      path: '/api/needs/:id/merge',
      id: () => need.id,
      user: () => w().admin,
      bad: { targetNeedId: badId(), note: badNote(200) },
      valid: () => ({ targetNeedId: mergeTarget.id, note: '同一件事' }),
      validStatus: 200,
      before: async () => {
        mergeTarget = await w().needIn('accepted');
        need = await w().needIn('submitted');
      },
    },
    {
      method: 'post',
      path: '/api/needs/:id/withdraw',
      id: () => need.id,
      user: () => w().resident,
      bad: { reason: badNote(200) },
      valid: () => ({ reason: '问题已自行解决' }),
      validStatus: 200,
      before: onNeed('submitted'),
    },
    {
      method: 'post',
      path: '/api/needs/:id/fulfil',
      id: () => need.id,
      user: () => w().admin,
      bad: noteOnly,
      valid: () => ({}),
      validStatus: 200,
      before: onNeed('accepted'),
    },
    {
      method: 'post',
      path: '/api/needs/:id/rate',
      id: () => need.id,
      user: () => w().resident,
      bad: { score: badInt(1, 5), comment: badNote(300), resolved: badBoolean() },
      valid: () => ({ score: 5, comment: '师傅很快就修好了', resolved: true }),
      validStatus: 200,
      before: onNeed('fulfilled'),
    },
    {
      method: 'post',
      path: '/api/needs/:id/plus-one',
      id: () => need.id,
      user: () => neighbour,
      bad: {},
      valid: () => ({}),
      validStatus: 200,
      before: async () => {
        need = await w().needIn('submitted');
        neighbour = await w().residentOfA({ wechat: true });
      },
      noBody: true,
    },
  ];
}
