/**
 * Members never receive the exact point a task's location check-in is measured from: every
 * member-facing task, claim, feed and recommendation answer carries the place's name and a map
 * position rounded to 2 decimals; the community staff who publish the task see the exact one.
 * Check-in by location is decided on the server from the position the device reports.
 */
import { type ClaimDto, type Page, type TaskDto, type TaskRecommendationDto } from '@sbd/contracts';
import { aTask, createApprovedMembers, type TestUser } from '../../support/factories';
import { createServiceLoopWorld, type ServiceLoopWorld } from './service-loop-world';

/** The task's exact place (aTask's) and what members see of it. */
const EXACT = { latitude: 32.0123, longitude: 120.8642 };
const ROUNDED = { latitude: 32.01, longitude: 120.86 };

/** Neither exact coordinate appears anywhere in the body. */
const withoutExactPoint = (body: unknown) => {
  const text = JSON.stringify(body);
  expect(text).not.toContain('32.0123');
  expect(text).not.toContain('120.8642');
};

describe('should show members roughly where a task is, and decide location check-in on the server', () => {
  let w: ServiceLoopWorld;
  let member: TestUser;
  let task: TaskDto;

  beforeAll(async () => {
    w = await createServiceLoopWorld();
    [member] = await createApprovedMembers(w.t, w.city.a, 1);
    task = await w.publish({ checkinRadiusM: 200 });
  });
  afterAll(() => w.t.close());

  const get = (u: TestUser, path: string) => w.t.http().get(path).set(u.auth).expect(200);

  it('gives the publishing staff the exact point', async () => {
    expect(task).toMatchObject({ place: '甲社区1号楼', ...EXACT });
    expect((await get(w.adminA, `/api/tasks/${task.id}`)).body).toMatchObject(EXACT);
    const list = (await get(w.adminA, `/api/communities/${w.city.a.id}/tasks`)).body as Page<TaskDto>;
    expect(list.items.find((x) => x.id === task.id)).toMatchObject(EXACT);
  });

  it('gives a member the name and a rounded position in the task, the feed and the recommendations', async () => {
    const detail = (await get(member, `/api/tasks/${task.id}`)).body as TaskDto;
    expect(detail).toMatchObject({ place: '甲社区1号楼', ...ROUNDED });
    withoutExactPoint(detail);

    const feed = (await get(member, '/api/tasks/feed')).body as Page<TaskDto>;
    expect(feed.items.find((x) => x.id === task.id)).toMatchObject(ROUNDED);
    withoutExactPoint(feed);

    const recs = (await get(member, '/api/recommendations/tasks?limit=20')).body as TaskRecommendationDto[];
    expect(recs.find((r) => r.task.id === task.id)?.task).toMatchObject(ROUNDED);
    withoutExactPoint(recs.map((r) => r.task));
  });

  it('gives a member a rounded position in their claim, before and after checking in', async () => {
    const claim = (await w.claim(member, task.id).expect(201)).body as ClaimDto;
    expect(claim).toMatchObject({ taskPlace: '甲社区1号楼', taskLatitude: 32.01, taskLongitude: 120.86 });
    withoutExactPoint(claim);
    withoutExactPoint((await get(member, '/api/claims/mine')).body);
    withoutExactPoint((await get(member, `/api/tasks/${task.id}`)).body);

    // The rounded position is about 470 m from the place: no stand-in for being there.
    const away = await w.t
      .http()
      .post(`/api/claims/${claim.id}/check-in`)
      .set(member.auth)
      .send({ latitude: 32.01, longitude: 120.86, accuracyM: 10 })
      .expect(400);
    expect(away.body.details).toEqual([{ field: 'latitude', message: away.body.message }]);
    expect(away.body.message).not.toMatch(/\d+米，|距离/);

    // Standing at the door (about 20 m from the point), the device's position checks them in.
    const inside = await w.t
      .http()
      .post(`/api/claims/${claim.id}/check-in`)
      .set(member.auth)
      .send({ latitude: 32.0125, longitude: 120.8643, accuracyM: 15 })
      .expect(200);
    withoutExactPoint(inside.body);

    const staffView = (await get(w.adminA, `/api/tasks/${task.id}/claims`)).body as Page<ClaimDto>;
    expect(staffView.items[0]).toMatchObject({ taskLatitude: EXACT.latitude, taskLongitude: EXACT.longitude });
  });

  it('keeps tasks without a map position without one', async () => {
    const plain = await w.publish({ ...aTask(w.city.a), latitude: undefined, longitude: undefined });
    expect((await get(member, `/api/tasks/${plain.id}`)).body).toMatchObject({ latitude: null, longitude: null });
  });
});
