/**
 * Concurrent requests read their principals (ReadBatcher) and the claims on their pages
 * (KeyedReads) in shared statements on MySQL: each caller still gets its own principal, session
 * state and claims, read after it arrived.
 */
import { JwtService } from '@nestjs/jwt';
import { RegistrationStatus, type TaskDto } from '@sbd/contracts';
import { RefreshTokenEntity } from '../../../src/identity/auth/entities/refresh-token.entity';
import { RegistrationEntity } from '../../../src/identity/registration/entities/registration.entity';
import { ClaimEntity } from '../../../src/loop/claims/entities/claim.entity';
import { ClaimViewsService } from '../../../src/loop/claims/claim-views.service';
import { TaskEntity } from '../../../src/loop/tasks/entities/task.entity';
import { PrincipalLoader } from '../../../src/platform/auth/principal-loader';
import { MAX_BATCH } from '../../../src/platform/database/read-batcher';
import { createApprovedMembers, type TestUser } from '../../support/factories';
import { createServiceLoopWorld, type ServiceLoopWorld } from './service-loop-world';

const PRINCIPAL_STATEMENT = /refresh_tokens/;

describe('principals read in shared statements, each caller its own', () => {
  let w: ServiceLoopWorld;
  let members: TestUser[];
  let taskIds: number[];
  const onMysql = () => w.t.ds.options.type === 'mysql';
  const sidOf = (m: TestUser) => w.t.app.get(JwtService).decode<{ sid: string }>(m.token).sid;

  beforeAll(async () => {
    w = await createServiceLoopWorld();
    const base = Date.now() + 30 * 24 * 3600_000;
    taskIds = [];
    for (let i = 0; i < 2; i++) {
      const start = new Date(base + i * 3600_000);
      taskIds.push(
        (
          await w.publish({
            title: `合读${i}`,
            startAt: start.toISOString(),
            endAt: new Date(start.getTime() + 1800_000).toISOString(),
          })
        ).id,
      );
    }
    members = [...(await createApprovedMembers(w.t, w.city.a, 8)), ...(await createApprovedMembers(w.t, w.city.b, 2))];
    await w.claim(members[0], taskIds[0]).expect(201);
    await w.claim(members[3], taskIds[1]).expect(201);
    // One logged out, one whose registration is no longer approved.
    await w.t.ds.getRepository(RefreshTokenEntity).update({ familyId: sidOf(members[1]) }, { revokedAt: new Date() });
    await w.t.ds
      .getRepository(RegistrationEntity)
      .update({ userId: members[2].id }, { status: RegistrationStatus.Rejected });
  });
  afterAll(() => w.t.close());

  const answer = async (m: TestUser) => {
    const res = await w.t.http().get('/api/tasks/feed?limit=50').set(m.auth);
    const items = (res.body.items ?? []) as TaskDto[];
    return {
      status: res.status,
      message: res.body.message as string | undefined,
      claimed: items.filter((x) => x.myClaim).map((x) => x.id),
      first: items[0]?.communityId ?? null,
    };
  };

  it('should answer every concurrent caller exactly as it answers them one at a time', async () => {
    const alone = [];
    for (const m of members) alone.push(await answer(m));
    expect(alone.map((a) => a.status)).toEqual([200, 401, 403, 200, 200, 200, 200, 200, 200, 200]);
    expect(alone[0].claimed).toEqual([taskIds[0]]);
    expect(alone[3].claimed).toEqual([taskIds[1]]);
    expect(alone[0].first).toBe(w.city.a.id);

    for (let round = 0; round < 3; round++) expect(await Promise.all(members.map(answer))).toEqual(alone);
  });

  it('should read principals that are asked for together in one statement on MySQL', async () => {
    const loader = w.t.app.get(PrincipalLoader);
    const query = jest.spyOn(w.t.ds, 'query');
    try {
      const loaded = await Promise.all(members.map((m) => loader.load(m.id, sidOf(m))));
      const statements = query.mock.calls.filter(([sql]) => PRINCIPAL_STATEMENT.test(String(sql)));
      // SQLite runs in-process: nothing to save, each read on its own.
      expect(statements).toHaveLength(onMysql() ? 1 : members.length);
      expect(loaded[1]).toBe('ended');
      expect(loaded[2]).toMatchObject({ userId: members[2].id, home: null });
      expect(loaded[9]).toMatchObject({ userId: members[9].id, home: { communityId: w.city.b.id } });
      for (const [i, p] of loaded.entries()) if (i !== 1) expect(p).toMatchObject({ userId: members[i].id });
      // The same as each read alone.
      for (const [i, m] of members.entries()) expect(await loader.load(m.id, sidOf(m))).toEqual(loaded[i]);
    } finally {
      query.mockRestore();
    }
  });

  it('should split a crowd into statements of at most MAX_BATCH reads', async () => {
    const loader = w.t.app.get(PrincipalLoader);
    const crowd = Array.from({ length: MAX_BATCH + 5 }, (_, i) => members[i % members.length]);
    const query = jest.spyOn(w.t.ds, 'query');
    try {
      const loaded = await Promise.all(crowd.map((m) => loader.load(m.id, sidOf(m))));
      const statements = query.mock.calls.filter(([sql]) => PRINCIPAL_STATEMENT.test(String(sql)));
      expect(statements).toHaveLength(onMysql() ? 2 : crowd.length);
      expect(loaded.map((p) => (p === 'ended' ? 'ended' : p?.userId))).toEqual(
        crowd.map((m, i) => (i % members.length === 1 ? 'ended' : m.id)),
      );
    } finally {
      query.mockRestore();
    }
  });

  it('should read the claims on pages asked for together in one statement on MySQL, each caller only its own', async () => {
    const views = w.t.app.get(ClaimViewsService);
    const tasks = await w.t.ds.getRepository(TaskEntity).findBy(taskIds.map((id) => ({ id })));
    const claimOf = async (m: TestUser) =>
      (await w.t.ds.getRepository(ClaimEntity).findOneByOrFail({ memberUserId: m.id })).id;
    const [c0, c3] = [await claimOf(members[0]), await claimOf(members[3])];
    const query = jest.spyOn(w.t.ds, 'query');
    try {
      const [mine0, mine3, stranger] = await Promise.all([
        views.ownByIds(members[0].id, [c0], tasks),
        views.ownByIds(members[3].id, [c3], tasks),
        // Someone else's claim id shows nothing.
        views.ownByIds(members[4].id, [c0], tasks),
      ]);
      const statements = query.mock.calls.filter(([sql]) => /WHERE c\.id IN/.test(String(sql)));
      expect(statements).toHaveLength(onMysql() ? 1 : 3);
      expect([...mine0.entries()].map(([task, c]) => [task, c.id])).toEqual([[taskIds[0], c0]]);
      expect([...mine3.entries()].map(([task, c]) => [task, c.id])).toEqual([[taskIds[1], c3]]);
      expect(stranger.size).toBe(0);
    } finally {
      query.mockRestore();
    }
  });
});
