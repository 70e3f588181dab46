/**
 * What the needs specs share: two communities with their admins and street admins, residents of A
 * on WeChat (alice, bob: msgSecCheck) and on H5 (hana: the local filter, then held), a member of A,
 * a resident of B; and helpers to post a need, act on it, and link it to a task.
 */
import { Role, type CreateNeedRequest, type NeedDto, type NotificationKind } from '@sbd/contracts';
import { NotificationEntity } from '../../../src/messaging/notifications/entities/notification.entity';
import { toDbDate } from '../../../src/platform/database/sql';
import { MsgSecLabel } from '../../fakes/wechat-fake-server';
import { aNeed, buildCity, createResident, createUser, type City, type TestUser } from '../../support/factories';
import { createTestApp, type TestApp } from '../../support/test-app';

export const RISKY = '违禁测试词';
export const REVIEW = '待审测试词';
export const RISKY_MESSAGE = '内容包含不当信息，请修改后再提交';
/** A word of the local filter (loop/needs/content-filter.ts). */
export const LOCAL_BLOCKED = '网赌';

export interface NeedsWorld {
  t: TestApp;
  city: City;
  adminA: TestUser;
  adminB: TestUser;
  streetAdminA: TestUser;
  streetAdminB: TestUser;
  /** Residents of A with WeChat (an openid): their needs are checked by msgSecCheck. */
  alice: TestUser;
  bob: TestUser;
  /** A resident of A on H5 (no openid): local filter, then held. */
  hana: TestUser;
  memberA: TestUser;
  residentB: TestUser;
  /** A user with one role in a community (a resident by default), on WeChat unless `wechat: false`. */
  resident: (
    communityId: number,
    opts?: { wechat?: boolean; name?: string; role?: Role; phone?: string },
  ) => Promise<TestUser>;
  /** A valid need of A's first building. */
  body: (overrides?: Partial<CreateNeedRequest>) => CreateNeedRequest;
  /** Posts a need (点单), failing the test unless it answers `status`. */
  post: (user: TestUser, overrides?: Partial<CreateNeedRequest>, status?: number) => Promise<NeedDto>;
  act: (
    user: TestUser,
    id: number,
    action: string,
    payload?: object,
  ) => ReturnType<ReturnType<TestApp['http']>['post']>;
  /** A task row (whatever the tasks schema holds today) linked to the need, as the tasks module would. */
  linkTask: (needId: number, communityId?: number) => Promise<number>;
  notificationsOf: (userId: number, kind: NotificationKind) => Promise<NotificationEntity[]>;
}

export async function createNeedsWorld(): Promise<NeedsWorld> {
  const t = await createTestApp();
  const city = await buildCity(t);
  t.wechat.riskyWords.set(RISKY, MsgSecLabel.Illegal);
  t.wechat.reviewWords.set(REVIEW, MsgSecLabel.Ad);
  const resident: NeedsWorld['resident'] = (communityId, opts = {}) => createResident(t, communityId, opts);
  const adminA = await createUser(t, {
    name: '甲社区书记',
    roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }],
  });
  const adminB = await createUser(t, {
    name: '乙社区书记',
    roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.b.id }],
  });
  const streetAdminA = await createUser(t, { roles: [{ role: Role.StreetAdmin, scopeNodeId: city.streetA }] });
  const streetAdminB = await createUser(t, { roles: [{ role: Role.StreetAdmin, scopeNodeId: city.streetB }] });
  const alice = await resident(city.a.id, { name: '张秀兰', phone: '13911112222' });
  const bob = await resident(city.a.id, { name: '李建国' });
  const hana = await resident(city.a.id, { name: '韩梅', wechat: false });
  const memberA = await resident(city.a.id, { name: '王党员', role: Role.Member });
  const residentB = await resident(city.b.id, { name: '乙居民' });

  const body: NeedsWorld['body'] = (overrides = {}) => aNeed(city.a, overrides);

  const post: NeedsWorld['post'] = async (user, overrides = {}, status = 201) => {
    const res = await t.http().post('/api/needs').set(user.auth).send(body(overrides));
    if (res.status !== status) throw new Error(`POST /api/needs answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as NeedDto;
  };

  const act: NeedsWorld['act'] = (user, id, action, payload = {}) =>
    t.http().post(`/api/needs/${id}/${action}`).set(user.auth).send(payload);

  const linkTask: NeedsWorld['linkTask'] = async (needId, communityId = city.a.id) => {
    const runner = t.ds.createQueryRunner();
    let table;
    try {
      table = await runner.getTable('tasks');
    } finally {
      await runner.release();
    }
    const now = toDbDate(new Date());
    const known: Record<string, unknown> = {
      community_id: communityId,
      created_by_id: adminA.id,
      status: 'completed',
      kind: 'micro',
      target: 'individuals',
      title: '测试任务',
      description: '测试',
      place: '社区',
      required_skills: '[]',
      checkin_secret: 'secret',
    };
    const cols = table!.columns.filter((c) => !c.isGenerated && !c.isNullable && c.default === undefined);
    const values = cols.map((c) =>
      c.name in known
        ? known[c.name]
        : /date|time/i.test(c.type)
          ? now
          : /int|double|float|decimal|bool/i.test(c.type)
            ? 1
            : 'x',
    );
    await t.ds.query(
      `INSERT INTO tasks (${cols.map((c) => c.name).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      values,
    );
    const [row] = await t.ds.query('SELECT MAX(id) AS id FROM tasks');
    const taskId = Number(row.id);
    await t.ds.query('INSERT INTO task_needs (task_id, need_id) VALUES (?, ?)', [taskId, needId]);
    return taskId;
  };

  const notificationsOf: NeedsWorld['notificationsOf'] = (userId, kind) =>
    t.ds.getRepository(NotificationEntity).findBy({ userId, kind });

  return {
    t,
    city,
    adminA,
    adminB,
    streetAdminA,
    streetAdminB,
    alice,
    bob,
    hana,
    memberA,
    residentB,
    resident,
    body,
    post,
    act,
    linkTask,
    notificationsOf,
  };
}
