/**
 * The member feed reads its caller's principal, its street's version and the ids of the caller's
 * open claims in one statement (FeedCompanion, read by the auth guard); the claims on the page by
 * id. Nothing of it is kept across requests: a revoked session, a withdrawn registration or a new
 * claim shows on the very next request.
 */
import { JwtService } from '@nestjs/jwt';
import { ErrorCode, RegistrationStatus, Role, type TaskDto } from '@sbd/contracts';
import { RefreshTokenEntity } from '../../../src/identity/auth/entities/refresh-token.entity';
import { RegistrationEntity } from '../../../src/identity/registration/entities/registration.entity';
import { UserRoleEntity } from '../../../src/identity/users/entities/user-role.entity';
import { createApprovedMembers, type TestUser } from '../../support/factories';
import { createServiceLoopWorld, type ServiceLoopWorld } from './service-loop-world';

describe('the member feed reads its caller with its own data, fresh on every request', () => {
  let w: ServiceLoopWorld;
  let taskIds: number[];

  beforeAll(async () => {
    w = await createServiceLoopWorld();
    const base = Date.now() + 20 * 24 * 3600_000;
    taskIds = [];
    for (let i = 0; i < 3; i++) {
      const start = new Date(base + i * 3600_000);
      const end = new Date(start.getTime() + 1800_000);
      taskIds.push((await w.publish({ title: `同读${i}`, startAt: start.toISOString(), endAt: end.toISOString() })).id);
    }
  });
  afterAll(() => w.t.close());

  const feed = (m: TestUser) => w.t.http().get('/api/tasks/feed?limit=50').set(m.auth);
  const mine = (items: TaskDto[]) => items.filter((x) => taskIds.includes(x.id));

  it('reads the principal, the version and the claimed tasks in one statement once the street is cached', async () => {
    const [m] = await createApprovedMembers(w.t, w.city.a, 1);
    // Sent as serialized (the tasks' JSON is cached), as any JSON answer.
    const first = await feed(m).expect(200).expect('Content-Type', 'application/json; charset=utf-8');
    expect(first.body).toEqual({ items: expect.any(Array), nextCursor: null });
    const query = jest.spyOn(w.t.ds, 'query');
    try {
      await feed(m).expect(200);
      const perRequest = query.mock.calls.filter(([sql]) => /refresh_tokens|member_user_id|updated_at\)/.test(sql));
      expect(perRequest).toHaveLength(1);
      expect(perRequest[0][0]).toMatch(/refresh_tokens[\s\S]*member_user_id/);
    } finally {
      query.mockRestore();
    }
  });

  it('shows a member their claims and waitlist places on the page, the claims read by id', async () => {
    const [m, other] = await createApprovedMembers(w.t, w.city.a, 2);
    const start = new Date(Date.now() + 21 * 24 * 3600_000);
    const full = await w.publish({
      title: '同读满员',
      capacity: 1,
      waitlist: true,
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 1800_000).toISOString(),
    });
    await w.claim(other, full.id).expect(201);
    await w.claim(m, full.id).expect(201);
    await w.claim(m, taskIds[1]).expect(201);
    await feed(m).expect(200); // the street's tasks cached after the claims moved them
    const query = jest.spyOn(w.t.ds, 'query');
    let items: TaskDto[];
    try {
      items = (await feed(m).expect(200)).body.items;
      const sqls = query.mock.calls.map(([sql]) => String(sql));
      expect(sqls.filter((sql) => /refresh_tokens/.test(sql))).toHaveLength(1);
      // Both claims in one statement by id.
      const byId = sqls.filter((sql) => /c_queue[\s\S]*WHERE c\.id IN/.test(sql));
      expect(byId).toHaveLength(1);
    } finally {
      query.mockRestore();
    }
    const byId = new Map(items.map((x) => [x.id, x]));
    expect(byId.get(taskIds[1])?.myClaim).toMatchObject({
      taskId: taskIds[1],
      status: 'claimed',
      waitlistPosition: null,
    });
    expect(byId.get(full.id)?.myClaim).toMatchObject({ taskId: full.id, status: 'waitlisted', waitlistPosition: 1 });
    expect(byId.get(taskIds[0])?.myClaim).toBeNull();
    // The same claim as the task's own page shows it.
    const own = (await w.t.http().get(`/api/tasks/${full.id}`).set(m.auth).expect(200)).body as TaskDto;
    expect(byId.get(full.id)?.myClaim).toEqual(own.myClaim);
  });

  it('refuses a revoked session on the next request', async () => {
    const [m] = await createApprovedMembers(w.t, w.city.a, 1);
    await feed(m).expect(200);
    const { sid } = w.t.app.get(JwtService).decode<{ sid: string }>(m.token);
    await w.t.ds.getRepository(RefreshTokenEntity).update({ familyId: sid }, { revokedAt: new Date() });
    const res = await feed(m).expect(401);
    expect(res.body).toMatchObject({ code: ErrorCode.Unauthenticated, message: '登录已失效，请重新登录' });
  });

  it('refuses a member whose registration is no longer approved on the next request', async () => {
    const [m] = await createApprovedMembers(w.t, w.city.a, 1);
    await feed(m).expect(200);
    await w.t.ds.getRepository(RegistrationEntity).update({ userId: m.id }, { status: RegistrationStatus.Rejected });
    const res = await feed(m).expect(403);
    expect(res.body.message).toBe('报到审核通过后才能查看任务');
  });

  it('shows a claim on the next request, once per task, whatever the number of roles', async () => {
    const [m] = await createApprovedMembers(w.t, w.city.a, 1);
    // Two roles and two claims: the statement's rows are their cross product.
    await w.t.ds
      .getRepository(UserRoleEntity)
      .insert({ userId: m.id, role: Role.Resident, scopeNodeId: w.city.a.id, createdAt: new Date() });
    expect(mine((await feed(m).expect(200)).body.items).every((x) => x.myClaim === null)).toBe(true);
    await w.claim(m, taskIds[0]).expect(201);
    await w.claim(m, taskIds[2]).expect(201);
    const items = mine((await feed(m).expect(200)).body.items as TaskDto[]);
    expect(items.map((x) => x.id)).toEqual(taskIds);
    expect(items.map((x) => x.myClaim?.status ?? null)).toEqual(['claimed', null, 'claimed']);
    const me = (await w.t.http().get('/api/me').set(m.auth).expect(200)).body as { roles: { role: Role }[] };
    expect(me.roles.map((r) => r.role).sort()).toEqual([Role.Resident, Role.Member].sort());
  });
});
