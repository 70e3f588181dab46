/**
 * Property: whatever malformed body reaches a registration route (submit, amend, approve,
 * reject), the API answers 400 with a Chinese message and writes nothing; the registration under
 * review is left as it was.
 */
import { DayPeriod, RegistrationStatus, Weekday } from '@sbd/contracts';
import { RegistrationEntity } from '../../../src/identity/registration/entities/registration.entity';
import { aRegistration, createUser } from '../../support/factories';
import { createFoundationWorld, FOUNDATION_RUNS, type FoundationWorld } from '../../support/foundation-world';
import { itRefusesNonNumericIds } from '../../support/ids-in-path';
import { describeMalformedRoutes } from '../../support/malformed-routes';
import { registrationIdRoutes, registrationMalformedRoutes } from './registration.malformed';

describe('should refuse malformed registrations, amendments and decisions', () => {
  let w: FoundationWorld;
  beforeAll(async () => {
    w = await createFoundationWorld();
  });
  afterAll(() => w.t.close());

  describeMalformedRoutes(
    { app: () => w.t, tags: ['registration'], ...FOUNDATION_RUNS },
    registrationMalformedRoutes(() => w),
  );

  describe('ids in the path', () => {
    itRefusesNonNumericIds(
      () => w.t,
      () => w.platform,
      registrationIdRoutes,
    );
  });

  /** Bugs the properties found once, kept as regression tests. */
  describe('regressions found by the properties', () => {
    it('PATCH /api/registrations/me refuses residenceDetail: null with 400 (was a 500: null.trim())', async () => {
      const res = await w.t
        .http()
        .patch('/api/registrations/me')
        .set(w.registered.auth)
        .send({ residenceDetail: null });
      expect(res.status).toBe(400);
    });

    it('refuses a weekday given by its enum name ("Mon") in freeTime (was accepted and stored)', async () => {
      const u = await createUser(w.t);
      const body = { ...aRegistration(w.city.a), freeTime: [{ weekday: 'Mon', period: DayPeriod.Morning }] };
      const res = await w.t.http().post('/api/registrations').set(u.auth).send(body);
      expect(res.status).toBe(400);
    });

    it('refuses freeTime slots nested in an array ([[slot]] or [[]]) (was stored as [{}])', async () => {
      const u = await createUser(w.t);
      const body = { ...aRegistration(w.city.a), freeTime: [[{ weekday: Weekday.Sat, period: DayPeriod.Morning }]] };
      const res = await w.t.http().post('/api/registrations').set(u.auth).send(body);
      expect(res.status).toBe(400);
    });
  });

  it('left the registrations under review untouched by the malformed bodies', async () => {
    const rows = await w.t.ds.getRepository(RegistrationEntity).findBy({ userId: w.registered.id });
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe(RegistrationStatus.Pending);
  });
});
