/** The malformed-body table of the registration routes: submit, amend, approve, reject. */
import { DayPeriod, Weekday } from '@sbd/contracts';
import { isCnIdNumber } from '@sbd/domain';
import fc from 'fast-check';
import { PRIVACY_NOTICE } from '../../../src/identity/users/privacy-notice';
import { RegistrationEntity } from '../../../src/identity/registration/entities/registration.entity';
import { aRegistration, createApprovedMembers } from '../../support/factories';
import { provePhone } from '../../support/verified';
import type { FoundationWorld } from '../../support/foundation-world';
import type { IdRoute } from '../../support/ids-in-path';
import {
  POISON,
  anyText,
  badEnum,
  badId,
  badPhone,
  badText,
  nonMatching,
  notAString,
  notAnArray,
  notAnInteger,
  tooLong,
} from '../../support/malformed';
import type { MalformedRoute } from '../../support/malformed-routes';

const validSlot = fc.record({
  weekday: fc.constantFrom(...[1, 2, 3, 4, 5, 6, 7]),
  period: fc.constantFrom(...Object.values(DayPeriod)),
});
const badSlot = fc.oneof(
  // Not the enum's member names ('Mon'…): class-validator's IsEnum accepts them (see the regression test).
  fc.record({ weekday: badEnum([...Object.values(Weekday)]), period: fc.constantFrom(...Object.values(DayPeriod)) }),
  fc.record({ weekday: fc.integer({ min: 1, max: 7 }), period: badEnum(Object.values(DayPeriod)) }),
  fc.record({ period: fc.constantFrom(...Object.values(DayPeriod)) }),
  validSlot.map((s) => ({ ...s, [POISON]: 1 })),
  anyText,
  fc.integer(),
  fc.constant(null),
  // Not an array of slots or an empty array: nested arrays pass ValidateNested (see the regression test).
  fc.array(fc.oneof(fc.integer(), anyText, fc.boolean()), { minLength: 1, maxLength: 3 }),
);
const badSkills = (opts: { nullOk?: boolean } = {}) =>
  fc.oneof(
    notAnArray,
    fc.array(fc.string({ maxLength: 20 }), { minLength: 11, maxLength: 15 }),
    fc
      .tuple(
        fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }),
        fc.oneof(notAString, fc.constant(null), tooLong(20)),
      )
      .map(([ok, bad]) => [...ok, bad]),
    ...(opts.nullOk ? [] : [fc.constant(null)]),
  );
const badFreeTime = (opts: { nullOk?: boolean } = {}) =>
  fc.oneof(
    notAnArray,
    fc.tuple(fc.array(validSlot, { maxLength: 3 }), badSlot).map(([ok, bad]) => [...ok, bad]),
    fc.array(validSlot, { minLength: 22, maxLength: 25 }),
    ...(opts.nullOk ? [] : [fc.constant(null)]),
  );
const badPositionIds = (opts: { nullOk?: boolean } = {}) =>
  fc.oneof(
    notAnArray,
    fc
      .tuple(fc.array(fc.integer({ min: 1, max: 1000 }), { maxLength: 3 }), notAnInteger)
      .map(([ok, bad]) => [...ok, bad]),
    fc.integer({ min: 1, max: 1000 }).map((n) => [n, n]),
    fc.uniqueArray(fc.integer({ min: 1, max: 100000 }), { minLength: 9, maxLength: 12 }),
    ...(opts.nullOk ? [] : [fc.constant(null)]),
  );

export function registrationMalformedRoutes(w: () => FoundationWorld): MalformedRoute[] {
  let handTyped = 0;
  return [
    {
      method: 'post',
      path: '/api/registrations',
      user: () => w().plain,
      bad: {
        communityCode: fc.oneof(notAString, fc.constant(null), nonMatching(/^[A-Za-z0-9_-]{1,32}$/)),
        name: badText(50, { notBlank: true }),
        phone: badPhone(),
        idNumber: fc.oneof(
          notAString,
          anyText,
          fc.stringMatching(/^\d{17}[\dX]$/).filter((s) => !isCnIdNumber(s)),
        ),
        workUnitId: badId(),
        workUnitName: badText(100, { notBlank: true }),
        unitPartyOrgName: badText(100, { notBlank: true }),
        buildingId: badId({ nullOk: true }),
        residenceDetail: badText(200, { notBlank: true }),
        skills: badSkills(),
        freeTime: badFreeTime(),
        positionIds: badPositionIds(),
        consentVersion: fc.oneof(
          notAString,
          fc.constant(null),
          tooLong(20),
          fc.string({ maxLength: 20 }).filter((s) => s !== PRIVACY_NOTICE.version),
        ),
      },
      valid: () => ({ ...aRegistration(w().city.a), phone: '13900001111' }),
      validStatus: 201,
      // The valid body's phone is the member's, proven as the phone button or an SMS code would.
      before: () => provePhone(w().t, w().plain, '13900001111'),
    },
    {
      method: 'patch',
      path: '/api/registrations/me',
      user: () => w().registered,
      bad: {
        skills: badSkills({ nullOk: true }),
        freeTime: badFreeTime({ nullOk: true }),
        positionIds: badPositionIds({ nullOk: true }),
        buildingId: badId({ nullOk: true }),
        // null is refused in its own regression test (it answered 500), not here.
        residenceDetail: badText(200, { notBlank: true, nullOk: true }),
      },
      valid: () => ({
        skills: ['摄影'],
        freeTime: [{ weekday: Weekday.Sat, period: DayPeriod.Morning }],
        residenceDetail: '2单元301室',
      }),
      validStatus: 200,
    },
    {
      method: 'post',
      path: '/api/registrations/:id/approve',
      id: () => w().toApprove,
      user: () => w().adminA,
      bad: { branchId: badId({ nullOk: true }), groupId: badId({ nullOk: true }), gridId: badId({ nullOk: true }) },
      valid: () => ({ branchId: w().city.a.branchId, groupId: w().city.a.groupId, gridId: w().city.a.gridId }),
      validStatus: 200,
    },
    {
      method: 'post',
      path: '/api/registrations/:id/work-unit',
      id: () => handTyped,
      user: () => w().adminA,
      bad: { workUnitId: badId() },
      valid: () => ({ workUnitId: w().city.unitB }),
      validStatus: 200,
      before: async () => {
        // A fresh member who typed their unit's name by hand: each link (归并) happens once.
        const [member] = await createApprovedMembers(w().t, w().city.a, 1);
        handTyped = (await w().t.ds.getRepository(RegistrationEntity).findOneByOrFail({ userId: member.id })).id;
      },
    },
    {
      method: 'post',
      path: '/api/registrations/:id/reject',
      id: () => w().toReject,
      user: () => w().adminA,
      bad: { reason: badText(200, { notBlank: true }) },
      valid: () => ({ reason: '居住地址不在本社区' }),
      validStatus: 200,
    },
  ];
}

export const registrationIdRoutes: IdRoute[] = [
  ['POST /api/registrations/:id/approve', 'post', (id) => `/api/registrations/${id}/approve`, () => ({})],
  ['POST /api/registrations/:id/reject', 'post', (id) => `/api/registrations/${id}/reject`, () => ({ reason: '原因' })],
  [
    'POST /api/registrations/:id/work-unit',
    'post',
    (id) => `/api/registrations/${id}/work-unit`,
    () => ({ workUnitId: 1 }),
  ],
];
