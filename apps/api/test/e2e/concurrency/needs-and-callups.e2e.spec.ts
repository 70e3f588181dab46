/**
 * Residents and members answering at once: "+1" on the same need, a resident rating a served need
 * with a double tap, every member answering an emergency call-up while staff form the groups.
 * Never a 5xx; counts match the rows; one answer per person.
 */
import { CallupResponse, NeedStatus, type CallupDto } from '@sbd/contracts';
import { EmergencyResponseEntity } from '../../../src/loop/emergency/entities/emergency-response.entity';
import { NeedPlusOneEntity } from '../../../src/loop/needs/entities/need-plus-one.entity';
import { RatingEntity } from '../../../src/loop/needs/entities/rating.entity';
import { NeedEntity } from '../../../src/loop/needs/entities/need.entity';
import { aCallup, createApprovedMembers, type TestUser } from '../../support/factories';
import { createLoopWorld, type LoopWorld } from '../../support/loop-world';
import { expectNo5xx, together } from './concurrency-world';

describe('should take many residents and members answering at once without a server error', () => {
  let w: LoopWorld;
  let members: TestUser[];

  beforeAll(async () => {
    w = await createLoopWorld();
    members = await createApprovedMembers(w.t, w.city.a, 30);
  });
  afterAll(() => w.t.close());

  it('30 members "+1" the same need at once, some twice: one +1 each and the count matches', async () => {
    const need = await w.needIn('submitted');
    const plusOne = (u: TestUser) => () => w.t.http().post(`/api/needs/${need.id}/plus-one`).set(u.auth).send({});
    const results = await together([...members.map(plusOne), ...members.slice(0, 10).map(plusOne)]);
    expectNo5xx(results);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    expect(results.filter((r) => r.body.added === true)).toHaveLength(30);
    expect(await w.t.ds.getRepository(NeedPlusOneEntity).countBy({ needId: need.id })).toBe(30);
    expect((await w.t.ds.getRepository(NeedEntity).findOneByOrFail({ id: need.id })).plusCount).toBe(30);
  });

  it('a resident taps "rate" ten times at once: one rating, the need rated, the rest a clear 409', async () => {
    const need = await w.needIn('fulfilled');
    const results = await together(
      Array.from(
        { length: 10 },
        () => () =>
          w.t
            .http()
            .post(`/api/needs/${need.id}/rate`)
            .set(w.resident.auth)
            .send({ score: 5, resolved: true, comment: '修好了，谢谢' }),
      ),
    );
    expectNo5xx(results, [409]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(await w.t.ds.getRepository(RatingEntity).countBy({ needId: need.id })).toBe(1);
    expect((await w.t.ds.getRepository(NeedEntity).findOneByOrFail({ id: need.id })).status).toBe(NeedStatus.Rated);
  });

  it('30 members answer a call-up at once, each tapping twice, while staff form groups: one answer each', async () => {
    const callup = (
      await w.t
        .http()
        .post('/api/callups')
        .set(w.admin.auth)
        .send(aCallup(w.city.a, { needed: 10 }))
        .expect(201)
    ).body as CallupDto;
    const respond = (u: TestUser, i: number) => () =>
      w.t
        .http()
        .post(`/api/callups/${callup.id}/respond`)
        .set(u.auth)
        .send({ response: i % 3 ? CallupResponse.Available : CallupResponse.Unavailable, etaMinutes: 15 });
    const group = () => w.t.http().post(`/api/callups/${callup.id}/groups`).set(w.admin.auth).send({ groupSize: 4 });
    const results = await together([...members.map(respond), ...members.map(respond), group, group, group]);
    expectNo5xx(results);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    const rows = await w.t.ds.getRepository(EmergencyResponseEntity).findBy({ callupId: callup.id });
    expect(rows).toHaveLength(30);
    expect(rows.filter((r) => r.answer === CallupResponse.Available)).toHaveLength(20);
    const final = (await group().expect(200)).body as CallupDto;
    expect(final).toMatchObject({ availableCount: 20, unavailableCount: 10 });
    expect(final.groups.map((g) => g.members.length)).toEqual([4, 4, 4, 4, 4]);
  });
});
