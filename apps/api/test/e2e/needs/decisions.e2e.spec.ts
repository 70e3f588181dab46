/**
 * Every transition of a need over HTTP (release, accept, reject, merge, withdraw, fulfil, rate),
 * the notifications they send, and 评单: the resident rates the service of each task that served it.
 */
import { ErrorCode, NeedAction, NeedStatus, NotificationKind, type NeedDto } from '@sbd/contracts';
import { needMachine } from '@sbd/domain';
import { In } from 'typeorm';
import { RatingEntity } from '../../../src/loop/needs/entities/rating.entity';
import { NeedEntity } from '../../../src/loop/needs/entities/need.entity';
import { TriageService } from '../../../src/loop/needs/triage.service';
import { NotificationEntity } from '../../../src/messaging/notifications/entities/notification.entity';
import { type TestUser } from '../../support/factories';
import type { TestApp } from '../../support/test-app';
import { createNeedsWorld, RISKY, RISKY_MESSAGE, type NeedsWorld } from './needs-world';

describe('should take the staff’s decisions on a need, and let the resident rate the service (评单)', () => {
  let t: TestApp;
  let adminA: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let hana: TestUser;
  let post: NeedsWorld['post'];
  let act: NeedsWorld['act'];
  let linkTask: NeedsWorld['linkTask'];
  let notificationsOf: NeedsWorld['notificationsOf'];

  beforeAll(async () => {
    ({ t, adminA, alice, bob, hana, post, act, linkTask, notificationsOf } = await createNeedsWorld());
  });
  afterAll(() => t.close());

  describe('every transition over HTTP', () => {
    const STATES = Object.values(NeedStatus);
    const ACTIONS = Object.values(NeedAction);

    /** A need of alice's (hana's when held) brought to `state` through the API, linked to a task. */
    async function needIn(state: NeedStatus): Promise<{ need: NeedDto; owner: TestUser }> {
      const owner = state === NeedStatus.Held ? hana : alice;
      let need = await post(owner);
      await linkTask(need.id);
      const step = async (u: TestUser, action: string, payload: object = {}) => {
        need = (await act(u, need.id, action, payload).expect(200)).body;
      };
      switch (state) {
        case NeedStatus.Held:
        case NeedStatus.Submitted:
          break;
        case NeedStatus.Accepted:
          await step(adminA, 'accept');
          break;
        case NeedStatus.Rejected:
          await step(adminA, 'reject', { reason: '不属于社区服务范围' });
          break;
        case NeedStatus.Merged:
          await step(adminA, 'merge', { targetNeedId: (await post(bob)).id });
          break;
        case NeedStatus.Withdrawn:
          await step(owner, 'withdraw');
          break;
        case NeedStatus.Fulfilled:
          await step(adminA, 'accept');
          await step(adminA, 'fulfil');
          break;
        case NeedStatus.Rated:
          await step(adminA, 'accept');
          await step(adminA, 'fulfil');
          await step(owner, 'rate', { score: 5, resolved: true });
          break;
      }
      expect(need.status).toBe(state);
      return { need, owner };
    }

    async function perform(action: NeedAction, need: NeedDto, owner: TestUser) {
      switch (action) {
        case NeedAction.Release:
        case NeedAction.Accept:
        case NeedAction.Fulfil:
          return act(adminA, need.id, action, { note: '已核实' });
        case NeedAction.Reject:
          return act(adminA, need.id, 'reject', { reason: '重复提交' });
        case NeedAction.Merge:
          return act(adminA, need.id, 'merge', { targetNeedId: (await post(bob)).id });
        case NeedAction.Withdraw:
          return act(owner, need.id, 'withdraw', { reason: '问题已自行解决' });
        case NeedAction.Rate:
          return act(owner, need.id, 'rate', { score: 5, comment: '师傅很快就修好了', resolved: true });
        case NeedAction.Reopen:
          return act(owner, need.id, 'rate', { score: 2, comment: '灯还是不亮', resolved: false });
      }
    }

    const cases = STATES.flatMap((s) => ACTIONS.map((a) => [s, a] as const));

    it.each(cases)('%s --%s-->', async (state, action) => {
      const { need, owner } = await needIn(state);
      const res = await perform(action, need, owner);
      if (needMachine.can(state, action)) {
        expect(res.status).toBe(200);
        expect(res.body.status).toBe(needMachine.next(state, action));
      } else {
        expect(res.status).toBe(409);
        expect(res.body).toEqual({
          code: ErrorCode.IllegalTransition,
          message: needMachine.whyNot(state, action),
          details: [],
        });
        expect((await t.ds.getRepository(NeedEntity).findOneByOrFail({ id: need.id })).status).toBe(state);
      }
    });

    it('answers the refusals in Chinese', async () => {
      const { need } = await needIn(NeedStatus.Withdrawn);
      expect((await act(adminA, need.id, 'accept').expect(409)).body.message).toBe('需求已撤回，不能受理');
      const held = await needIn(NeedStatus.Held);
      expect((await act(adminA, held.need.id, 'accept').expect(409)).body.message).toBe('需求正在审核，不能受理');
      const submitted = await needIn(NeedStatus.Submitted);
      expect((await act(adminA, submitted.need.id, 'fulfil').expect(409)).body.message).toBe('需求尚未受理，不能办结');
    });

    it('records decisions and tells the resident', async () => {
      const { need } = await needIn(NeedStatus.Submitted);
      const accepted = await act(adminA, need.id, 'accept').expect(200);
      expect(accepted.body.acceptedAt).not.toBeNull();
      const rejected = await needIn(NeedStatus.Rejected);
      expect(rejected.need.rejectReason).toBe('不属于社区服务范围');
      const fulfilled = await needIn(NeedStatus.Fulfilled);
      expect(fulfilled.need.fulfilledAt).not.toBeNull();
      const residentView = await t.http().get(`/api/needs/${fulfilled.need.id}`).set(alice.auth).expect(200);
      expect(residentView.body.allowedActions).toEqual([NeedAction.Rate, NeedAction.Reopen]);
      const kinds = (await t.ds.getRepository(NotificationEntity).findBy({ userId: alice.id })).map((n) => n.kind);
      expect(kinds).toEqual(
        expect.arrayContaining([
          NotificationKind.NeedAccepted,
          NotificationKind.NeedRejected,
          NotificationKind.NeedFulfilled,
        ]),
      );
      const note = (await notificationsOf(alice.id, NotificationKind.NeedRejected)).at(-1)!;
      expect(note.body).toContain('不属于社区服务范围');
      expect(note.payload).toMatchObject({ entityType: 'need', entityId: rejected.need.id });
    });

    it('takes decisions that need no input without a body', async () => {
      const { need } = await needIn(NeedStatus.Submitted);
      const res = await t.http().post(`/api/needs/${need.id}/accept`).set(adminA.auth).expect(200);
      expect(res.body.status).toBe(NeedStatus.Accepted);
      await t.http().post(`/api/needs/${need.id}/withdraw`).set(alice.auth).expect(200);
    });

    it('requires a reason to reject, and writes nothing without one', async () => {
      const { need } = await needIn(NeedStatus.Submitted);
      const before = await t.counts();
      const res = await act(adminA, need.id, 'reject', { reason: '  ' }).expect(400);
      expect(res.body.details).toEqual([{ field: 'reason', message: '请填写驳回原因' }]);
      const long = await act(adminA, need.id, 'reject', { reason: '因'.repeat(201) }).expect(400);
      expect(long.body.details).toEqual([{ field: 'reason', message: '原因不能超过200个字符' }]);
      expect(await t.counts()).toEqual(before);
    });

    it('lets only one of two simultaneous decisions win', async () => {
      const { need } = await needIn(NeedStatus.Submitted);
      const [a, b] = await Promise.all([
        act(adminA, need.id, 'accept'),
        act(adminA, need.id, 'reject', { reason: '重复' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body.code).toBe(ErrorCode.IllegalTransition);
      const withdrawals = await Promise.all([1, 2, 3].map(() => act(alice, need.id, 'withdraw')));
      const row = await t.ds.getRepository(NeedEntity).findOneByOrFail({ id: need.id });
      if (row.status === NeedStatus.Withdrawn) expect(withdrawals.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    });
  });

  describe('评单: the resident rates the service', () => {
    it('rates a fulfilled need once per serving task; "没解决" reopens it and tells the staff', async () => {
      let need = await post(alice);
      await act(adminA, need.id, 'accept').expect(200);
      const task1 = await linkTask(need.id);
      await act(adminA, need.id, 'fulfil').expect(200);

      const bad = await act(alice, need.id, 'rate', { score: 6, resolved: true }).expect(400);
      expect(bad.body.details).toEqual([{ field: 'score', message: '评分必须是1到5的整数' }]);
      const missing = await act(alice, need.id, 'rate', { score: 3 }).expect(400);
      expect(missing.body.details).toEqual([{ field: 'resolved', message: '请选择问题是否已解决' }]);

      const reopened = await act(alice, need.id, 'rate', { score: 2, comment: '灯还是不亮', resolved: false }).expect(
        200,
      );
      expect(reopened.body).toMatchObject({
        status: NeedStatus.Accepted,
        reopenCount: 1,
        fulfilledAt: null,
        rating: { score: 2, comment: '灯还是不亮', resolved: false },
        taskIds: [task1],
      });
      expect(await notificationsOf(adminA.id, NotificationKind.NeedReopened)).not.toHaveLength(0);

      // Fulfilled again by hand, with no new task: the same service cannot be rated twice.
      await act(adminA, need.id, 'fulfil').expect(200);
      const twice = await act(alice, need.id, 'rate', { score: 5, resolved: true }).expect(409);
      expect(twice.body.message).toBe('您已评价过本次服务');
      need = (await t.http().get(`/api/needs/${need.id}`).set(alice.auth).expect(200)).body;
      expect(need).toMatchObject({ status: NeedStatus.Fulfilled, allowedActions: [] });

      // A new task served it: that one can be rated.
      const task2 = await linkTask(need.id);
      const rated = await act(alice, need.id, 'rate', { score: 5, comment: '这次修好了', resolved: true }).expect(200);
      expect(rated.body).toMatchObject({
        status: NeedStatus.Rated,
        rating: { score: 5, resolved: true },
        taskIds: [task1, task2],
      });
      expect(rated.body.ratedAt).not.toBeNull();
      const ratings = await t.ds.getRepository(RatingEntity).find({ where: { needId: need.id }, order: { id: 'ASC' } });
      expect(ratings.map((r) => [r.kind, r.taskId, r.score, !!r.resolved, r.raterUserId])).toEqual([
        ['resident', task1, 2, false, alice.id],
        ['resident', task2, 5, true, alice.id],
      ]);
    });

    it('refuses to rate a need no task served', async () => {
      const need = await post(alice);
      await act(adminA, need.id, 'accept').expect(200);
      await act(adminA, need.id, 'fulfil').expect(200);
      const res = await act(alice, need.id, 'rate', { score: 4, resolved: true }).expect(409);
      expect(res.body).toEqual({
        code: ErrorCode.IllegalTransition,
        message: '该需求还没有关联的服务任务，暂不能评价',
        details: [],
      });
    });

    it('refuses a risky comment', async () => {
      const need = await post(alice);
      await act(adminA, need.id, 'accept').expect(200);
      await linkTask(need.id);
      await act(adminA, need.id, 'fulfil').expect(200);
      const before = await t.counts();
      const res = await act(alice, need.id, 'rate', { score: 1, comment: `${RISKY}`, resolved: true }).expect(400);
      expect(res.body.details).toEqual([{ field: 'comment', message: RISKY_MESSAGE }]);
      expect(await t.counts()).toEqual(before);
    });

    it('fulfils the accepted needs of a completed task inside the caller’s transaction (fulfilForTask)', async () => {
      const accepted = await post(alice);
      await act(adminA, accepted.id, 'accept').expect(200);
      const stillSubmitted = await post(bob);
      const task = await linkTask(accepted.id);
      await t.ds.query('INSERT INTO task_needs (task_id, need_id) VALUES (?, ?)', [task, stillSubmitted.id]);
      const service = t.app.get(TriageService);
      const done = await t.ds.transaction((m) => service.fulfilForTask(m, task));
      expect(done).toEqual([accepted.id]);
      const rows = await t.ds.getRepository(NeedEntity).findBy({ id: In([accepted.id, stillSubmitted.id]) });
      expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
        [accepted.id]: NeedStatus.Fulfilled,
        [stillSubmitted.id]: NeedStatus.Submitted,
      });
      const notes = await notificationsOf(alice.id, NotificationKind.NeedFulfilled);
      expect(notes.some((n) => n.payload.entityId === accepted.id)).toBe(true);
      // Rolled back with the caller's transaction.
      const other = await post(alice);
      await act(adminA, other.id, 'accept').expect(200);
      const task2 = await linkTask(other.id);
      await expect(
        t.ds.transaction(async (m) => {
          await service.fulfilForTask(m, task2);
          throw new Error('task completion failed');
        }),
      ).rejects.toThrow('task completion failed');
      expect((await t.ds.getRepository(NeedEntity).findOneByOrFail({ id: other.id })).status).toBe(NeedStatus.Accepted);
    });
  });
});
