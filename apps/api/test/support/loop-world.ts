/**
 * A community with its service loop under way, for specs that need tasks, claims and needs in a
 * given state: community A's secretary, an approved member, a resident on WeChat (their needs pass
 * msgSecCheck and are submitted) and one on H5 (their needs are held for review), and helpers that
 * bring a fresh task, claim or need to a state through the API, as a user would.
 */
import { NeedStatus, Role, type ClaimDto, type CreateTaskRequest, type NeedDto, type TaskDto } from '@sbd/contracts';
import {
  aNeed,
  aTask,
  AT_THE_TASK,
  buildCity,
  createApprovedMembers,
  createResident,
  createUser,
  type City,
  type TestUser,
} from './factories';
import { must } from './malformed-routes';
import { serviceEnds } from './task-clock';
import { createTestApp, type TestApp } from './test-app';

export type TaskState = 'draft' | 'published' | 'in_progress' | 'completed';
export type ClaimState = 'claimed' | 'checked_in' | 'checked_out' | 'verified';
export type NeedState = 'held' | 'submitted' | 'accepted' | 'fulfilled';

export interface LoopWorld {
  t: TestApp;
  city: City;
  /** 甲社区书记: community admin of A. */
  admin: TestUser;
  /** An approved member of A. */
  memberA: TestUser;
  /** A resident of A with WeChat (an openid): needs pass msgSecCheck and are submitted. */
  resident: TestUser;
  /** A resident of A on H5 (no openid): needs are held for staff review. */
  h5Resident: TestUser;
  /**
   * A task of A in `state`; published ones start in 10 minutes (check-in is open) unless
   * overridden; completed ones have ended (their times moved into the past).
   */
  taskIn: (state: TaskState, overrides?: Partial<CreateTaskRequest>) => Promise<TaskDto>;
  /**
   * A fresh member's claim in `state`, on a fresh task starting in 10 minutes; checked-out and
   * verified claims are on a task whose service has since ended (verification waits for the end).
   */
  claimIn: (state: ClaimState) => Promise<{ claim: ClaimDto; member: TestUser }>;
  /** A need of `resident`'s (of `h5Resident`'s when held) brought to `state` through the API. */
  needIn: (state: NeedState) => Promise<NeedDto>;
  /** A resident of A, with or without WeChat. */
  residentOfA: (opts: { wechat: boolean }) => Promise<TestUser>;
}

export async function createLoopWorld(): Promise<LoopWorld> {
  const t = await createTestApp();
  const city = await buildCity(t);
  const admin = await createUser(t, {
    name: '甲社区书记',
    roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }],
  });
  const [memberA] = await createApprovedMembers(t, city.a, 1);
  const residentOfA = (opts: { wechat: boolean }) => createResident(t, city.a.id, opts);
  const resident = await residentOfA({ wechat: true });
  const h5Resident = await residentOfA({ wechat: false });

  async function taskIn(state: TaskState, overrides: Partial<CreateTaskRequest> = {}): Promise<TaskDto> {
    const res = await must(
      t
        .http()
        .post('/api/tasks')
        .set(admin.auth)
        .send(aTask(city.a, { publish: state !== 'draft', ...overrides })),
      201,
    );
    let tk = res.body as TaskDto;
    const step = async (action: string) => {
      tk = (await must(t.http().post(`/api/tasks/${tk.id}/${action}`).set(admin.auth), 200)).body as TaskDto;
    };
    if (state === 'in_progress' || state === 'completed') await step('start');
    if (state === 'completed') {
      await step('complete');
      // Ratings wait for the end of the service: it ended a minute ago.
      await serviceEnds(t, tk.id);
      tk = (await must(t.http().get(`/api/tasks/${tk.id}`).set(admin.auth), 200)).body as TaskDto;
    }
    return tk;
  }

  async function claimIn(state: ClaimState): Promise<{ claim: ClaimDto; member: TestUser }> {
    const tk = await taskIn('published');
    const [member] = await createApprovedMembers(t, city.a, 1);
    let c = (await must(t.http().post('/api/claims').set(member.auth).send({ taskId: tk.id }), 201)).body as ClaimDto;
    const step = async (u: TestUser, action: string, body: object) => {
      c = (await must(t.http().post(`/api/claims/${c.id}/${action}`).set(u.auth).send(body), 200)).body as ClaimDto;
    };
    if (state !== 'claimed') await step(member, 'check-in', AT_THE_TASK);
    if (state === 'checked_out' || state === 'verified') {
      await step(member, 'check-out', AT_THE_TASK);
      await serviceEnds(t, tk.id);
      c = (await must(t.http().get(`/api/claims/${c.id}`).set(member.auth), 200)).body as ClaimDto;
    }
    if (state === 'verified') await step(admin, 'verify', {});
    return { claim: c, member };
  }

  async function needIn(state: NeedState): Promise<NeedDto> {
    const owner = state === 'held' ? h5Resident : resident;
    let n = (await must(t.http().post('/api/needs').set(owner.auth).send(aNeed(city.a)), 201)).body as NeedDto;
    if (n.status !== (state === 'held' ? NeedStatus.Held : NeedStatus.Submitted))
      throw new Error(`need posted as ${n.status}`);
    if (state === 'accepted' || state === 'fulfilled') {
      n = (await must(t.http().post(`/api/needs/${n.id}/accept`).set(admin.auth), 200)).body as NeedDto;
    }
    if (state === 'fulfilled') {
      // 下单 from the need, serve it, complete the task: the need is fulfilled with a task to rate.
      await taskIn('completed', { needIds: [n.id] });
      n = (await must(t.http().get(`/api/needs/${n.id}`).set(owner.auth), 200)).body as NeedDto;
      if (n.status !== NeedStatus.Fulfilled) throw new Error(`need is ${n.status} after its task completed`);
    }
    return n;
  }

  return { t, city, admin, memberA, resident, h5Resident, taskIn, claimIn, needIn, residentOfA };
}
