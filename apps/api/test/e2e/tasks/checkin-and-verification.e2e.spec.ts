/**
 * Check-in by rotating code or location, check-out, verification by someone else, no-shows, cancellation,
 * back-filled hours; points adjustments, the WeChat dispatcher with its inbox fallback, and reminders.
 */
import { ClaimStatus, NotificationKind, Role, TaskStatus, type ClaimDto } from '@sbd/contracts';
import { checkinCode } from '@sbd/domain';
import { NotificationEntity } from '../../../src/messaging/notifications/entities/notification.entity';
import { NotificationsService } from '../../../src/messaging/notifications/notifications.service';
import { TaskEntity } from '../../../src/loop/tasks/entities/task.entity';
import { toDbDate } from '../../../src/platform/database/sql';
import { createApprovedMembers } from '../../support/factories';
import { createServiceLoopWorld, type ServiceLoopWorld } from './service-loop-world';
import { acceptSubscription } from '../../support/verified';

describe('should check members in and out, verify their hours, and credit points and notify them', () => {
  let t: ServiceLoopWorld['t'];
  let city: ServiceLoopWorld['city'];
  let adminA: ServiceLoopWorld['adminA'];
  let adminB: ServiceLoopWorld['adminB'];
  let publish: ServiceLoopWorld['publish'];
  let claim: ServiceLoopWorld['claim'];
  let startedAgo: ServiceLoopWorld['startedAgo'];
  let ended: ServiceLoopWorld['ended'];
  let secretOf: ServiceLoopWorld['secretOf'];
  let countersMatchRows: ServiceLoopWorld['countersMatchRows'];

  beforeAll(async () => {
    ({ t, city, adminA, adminB, publish, claim, startedAgo, ended, secretOf, countersMatchRows } =
      await createServiceLoopWorld());
  });
  afterAll(() => t.close());

  describe('check-in, check-out and verification', () => {
    it('checks in with the rotating code, checks out, and the admin verifies: hours and points follow', async () => {
      const task = await publish({ capacity: 2, pointsRule: { perHour: 10, minimum: 5, max: 100 } });
      const [m, other] = await createApprovedMembers(t, city.a, 2);
      const c = (await claim(m, task.id).expect(201)).body as ClaimDto;
      await startedAgo(task.id, 90);

      const code = (await t.http().get(`/api/tasks/${task.id}/checkin-code`).set(adminA.auth).expect(200)).body;
      expect(code.code).toMatch(/^\d{6}$/);
      const wrong = await t
        .http()
        .post(`/api/claims/${c.id}/check-in`)
        .set(m.auth)
        .send({ code: code.code === '000000' ? '111111' : '000000' })
        .expect(400);
      expect(wrong.body.details[0].field).toBe('code');
      await t.http().post(`/api/claims/${c.id}/check-in`).set(other.auth).send({ code: code.code }).expect(403);
      const inRes = await t
        .http()
        .post(`/api/claims/${c.id}/check-in`)
        .set(m.auth)
        .send({ code: code.code })
        .expect(200);
      expect(inRes.body.status).toBe(ClaimStatus.CheckedIn);
      expect((await t.ds.getRepository(TaskEntity).findOneByOrFail({ id: task.id })).status).toBe(
        TaskStatus.InProgress,
      );

      // 65 minutes of service: 1 hour credited (rounded down to the half hour).
      await t.ds.query('UPDATE claims SET checked_in_at = ? WHERE id = ?', [
        toDbDate(new Date(Date.now() - 65 * 60_000)),
        c.id,
      ]);
      const secret = await secretOf(task.id);
      await t
        .http()
        .post(`/api/claims/${c.id}/check-out`)
        .set(other.auth)
        .send({ code: checkinCode(secret, Date.now()) })
        .expect(403);
      const out = await t
        .http()
        .post(`/api/claims/${c.id}/check-out`)
        .set(m.auth)
        .send({ code: checkinCode(secret, Date.now()) })
        .expect(200);
      expect(out.body).toMatchObject({ status: ClaimStatus.CheckedOut, creditedHours: 1 });

      // Verification waits for the end of the service.
      await ended(task.id);
      const verified = await t
        .http()
        .post(`/api/claims/${c.id}/verify`)
        .set(adminA.auth)
        .send({ score: 5, comment: '认真负责' })
        .expect(200);
      expect(verified.body).toMatchObject({
        status: ClaimStatus.Verified,
        pointsAwarded: 15,
        serviceRating: { score: 5 },
      });
      await t.http().post(`/api/claims/${c.id}/verify`).set(adminA.auth).send({}).expect(409);

      const hours = await t.http().get('/api/me/hours').set(m.auth).expect(200);
      expect(hours.body).toEqual({ userId: m.id, verifiedHours: 1, backfilledHours: 0, services: 1 });
      const points = await t.http().get('/api/me/points').set(m.auth).expect(200);
      expect(points.body).toEqual({ userId: m.id, balance: 15, earned: 15, deducted: 0 });
    });

    it('checks in by location inside the radius, and refuses outside it', async () => {
      const task = await publish({ checkinRadiusM: 200 });
      const [m] = await createApprovedMembers(t, city.a, 1);
      const c = (await claim(m, task.id).expect(201)).body as ClaimDto;
      await startedAgo(task.id, 5);
      const far = await t
        .http()
        .post(`/api/claims/${c.id}/check-in`)
        .set(m.auth)
        .send({ latitude: 32.0223, longitude: 120.8642 })
        .expect(400);
      // Out of range, without the distance: it would point a member far away to the exact place.
      expect(far.body.message).toBe(
        '您不在签到范围内（需在「甲社区1号楼」200米内），请到达现场后再试，或输入现场的签到码',
      );
      await t
        .http()
        .post(`/api/claims/${c.id}/check-in`)
        .set(m.auth)
        .send({ latitude: 32.0124, longitude: 120.8643 })
        .expect(200);
    });

    it('refuses check-in long before the start', async () => {
      const task = await publish({
        startAt: new Date(Date.now() + 5 * 3600_000).toISOString(),
        endAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
      });
      const [m] = await createApprovedMembers(t, city.a, 1);
      const c = (await claim(m, task.id).expect(201)).body as ClaimDto;
      const code = (await t.http().get(`/api/tasks/${task.id}/checkin-code`).set(adminA.auth)).body.code;
      const res = await t.http().post(`/api/claims/${c.id}/check-in`).set(m.auth).send({ code }).expect(409);
      expect(res.body.message).toMatch(/^还没到签到时间，活动开始前30分钟起可签到（\d{1,2}月\d{1,2}日 \d\d:\d\d起）$/);
    });

    it('nobody verifies their own hours', async () => {
      const task = await publish();
      // A community admin who is also an approved member of the community.
      const [adminMember] = await createApprovedMembers(t, city.a, 1);
      await t.ds.query('INSERT INTO user_roles (user_id, role, scope_node_id, created_at) VALUES (?, ?, ?, ?)', [
        adminMember.id,
        Role.CommunityAdmin,
        city.a.id,
        toDbDate(new Date()),
      ]);
      const c = (await claim(adminMember, task.id).expect(201)).body as ClaimDto;
      await startedAgo(task.id, 30);
      const secret = await secretOf(task.id);
      await t
        .http()
        .post(`/api/claims/${c.id}/check-in`)
        .set(adminMember.auth)
        .send({ code: checkinCode(secret, Date.now()) })
        .expect(200);
      await t
        .http()
        .post(`/api/claims/${c.id}/check-out`)
        .set(adminMember.auth)
        .send({ code: checkinCode(secret, Date.now()) })
        .expect(200);
      await ended(task.id);
      const res = await t.http().post(`/api/claims/${c.id}/verify`).set(adminMember.auth).send({}).expect(403);
      expect(res.body.message).toBe('不能核验自己的服务时长');
      await t.http().post(`/api/claims/${c.id}/verify`).set(adminB.auth).send({}).expect(403);
      await t.http().post(`/api/claims/${c.id}/verify`).set(adminA.auth).send({}).expect(200);
    });

    it('completing a task marks members who never checked in as no-shows, with a deduction', async () => {
      const task = await publish({ capacity: 2 });
      const [m] = await createApprovedMembers(t, city.a, 1);
      const c = (await claim(m, task.id).expect(201)).body as ClaimDto;
      await t.http().post(`/api/tasks/${task.id}/start`).set(adminA.auth).expect(200);
      await t.http().post(`/api/tasks/${task.id}/complete`).set(adminA.auth).expect(200);
      const after = (await t.http().get(`/api/claims/${c.id}`).set(m.auth)).body as ClaimDto;
      expect(after).toMatchObject({ status: ClaimStatus.NoShow, pointsAwarded: -10 });
      await countersMatchRows(task.id);
    });

    it('cancelling a task tells everyone who claimed and frees every slot', async () => {
      const task = await publish({ capacity: 1 });
      const [m1, m2] = await createApprovedMembers(t, city.a, 2);
      await claim(m1, task.id).expect(201);
      await claim(m2, task.id).expect(201);
      await t
        .http()
        .post(`/api/tasks/${task.id}/cancel`)
        .set(adminA.auth)
        .send({ reason: '暴雨预警，活动取消' })
        .expect(200);
      for (const m of [m1, m2]) {
        const n = await t.ds
          .getRepository(NotificationEntity)
          .findOneByOrFail({ userId: m.id, kind: NotificationKind.TaskCancelled });
        expect(n.body).toMatch(/暴雨预警，活动取消/);
      }
      const pending = await t.ds
        .getRepository(NotificationEntity)
        .countBy({ userId: m1.id, kind: NotificationKind.TaskReminder, status: 'pending' });
      expect(pending).toBe(0);
      await countersMatchRows(task.id);
    });

    it('back-filled hours carry a reason and are kept apart from credit hours', async () => {
      const [m] = await createApprovedMembers(t, city.a, 1);
      await t
        .http()
        .post('/api/backfills')
        .set(adminA.auth)
        .send({ userId: m.id, communityId: city.a.id, hours: 1.25, reason: '线下' })
        .expect(400);
      await t
        .http()
        .post('/api/backfills')
        .set(adminA.auth)
        .send({ userId: m.id, communityId: city.a.id, hours: 2.5, reason: '系统上线前的线下服务' })
        .expect(201);
      await t
        .http()
        .post('/api/backfills')
        .set(adminB.auth)
        .send({ userId: m.id, communityId: city.a.id, hours: 1, reason: 'x' })
        .expect(403);
      const hours = await t.http().get(`/api/members/${m.id}/hours`).set(adminA.auth).expect(200);
      expect(hours.body).toEqual({ userId: m.id, verifiedHours: 0, backfilledHours: 2.5, services: 0 });
    });
  });

  describe('points and notifications', () => {
    it('manual adjustments need a reason, never one’s own, and the balance is the sum of the ledger', async () => {
      const [m] = await createApprovedMembers(t, city.a, 1);
      await t
        .http()
        .post('/api/points/adjustments')
        .set(adminA.auth)
        .send({ userId: m.id, communityId: city.a.id, delta: 5, note: ' ' })
        .expect(400);
      await t
        .http()
        .post('/api/points/adjustments')
        .set(adminA.auth)
        .send({ userId: m.id, communityId: city.a.id, delta: 8, note: '组织重阳节活动' })
        .expect(201);
      await t
        .http()
        .post('/api/points/adjustments')
        .set(adminA.auth)
        .send({ userId: m.id, communityId: city.a.id, delta: -3, note: '更正' })
        .expect(201);
      await t
        .http()
        .post('/api/points/adjustments')
        .set(adminA.auth)
        .send({ userId: adminA.id, communityId: city.a.id, delta: 3, note: '自己' })
        .expect(403);
      const balance = await t.http().get(`/api/members/${m.id}/points`).set(adminA.auth).expect(200);
      const [sum] = await t.ds.query('SELECT SUM(delta) AS s FROM points_ledger WHERE member_user_id = ?', [m.id]);
      expect(balance.body.balance).toBe(Number(sum.s));
      expect(balance.body).toMatchObject({ balance: 5, earned: 8, deducted: 3 });
      const ranking = await t
        .http()
        .get(`/api/points/ranking?scope=member&communityId=${city.a.id}`)
        .set(adminA.auth)
        .expect(200);
      const mine = ranking.body.find((r: { id: number }) => r.id === m.id);
      expect(mine.points).toBe(5);
    });

    it('the dispatcher delivers through WeChat, falls back to the inbox on 43101, and does each once', async () => {
      const notifications = t.app.get(NotificationsService);
      const [m1, m2] = await createApprovedMembers(t, city.a, 2);
      await t.ds.query('UPDATE users SET openid = ? WHERE id = ?', ['openid-m1', m1.id]);
      await t.ds.query('UPDATE users SET openid = ? WHERE id = ?', ['openid-m2', m2.id]);
      t.wechat.unsubscribed.add('openid-m2');
      t.config.wechat.templateIds[NotificationKind.PointsChanged] = 'tmpl-points';
      // Both accepted the template in the app; WeChat holds no subscription for m2 (43101).
      await acceptSubscription(t, m1, 'tmpl-points');
      await acceptSubscription(t, m2, 'tmpl-points');
      await t.ds.transaction(async (m) => {
        for (const u of [m1, m2]) {
          await notifications.enqueue(m, {
            userId: u.id,
            kind: NotificationKind.PointsChanged,
            title: '积分变动',
            body: '增加5分',
            dedupeKey: `test:${u.id}`,
          });
          await notifications.enqueue(m, {
            userId: u.id,
            kind: NotificationKind.PointsChanged,
            title: '积分变动',
            body: '增加5分',
            dedupeKey: `test:${u.id}`,
          });
        }
      });
      const [a, b] = await Promise.all([notifications.dispatchDue(), notifications.dispatchDue()]);
      expect(a.sent + b.sent).toBeGreaterThanOrEqual(1);
      const rows = await t.ds.getRepository(NotificationEntity).findBy({ dedupeKey: `test:${m1.id}` });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'sent', channel: 'wechat', attempts: 1 });
      const fallback = await t.ds.getRepository(NotificationEntity).findOneByOrFail({ dedupeKey: `test:${m2.id}` });
      expect(fallback).toMatchObject({ status: 'inbox', channel: 'inbox' });
      expect(t.wechat.sentMessages.filter((s) => s.touser === 'openid-m1')).toHaveLength(1);
      const inbox = await t.http().get('/api/inbox').set(m2.auth).expect(200);
      expect(inbox.body.items.map((n: { title: string }) => n.title)).toContain('积分变动');
      const summary = await t.http().post('/api/inbox/read').set(m2.auth).send({ all: true }).expect(200);
      expect(summary.body).toEqual({ unread: 0 });
    });

    it('reminders are queued for 24 h and 2 h before the service and are not delivered early', async () => {
      const start = Date.now() + 48 * 3600_000;
      const task = await publish({
        startAt: new Date(start).toISOString(),
        endAt: new Date(start + 3600_000).toISOString(),
      });
      const [m] = await createApprovedMembers(t, city.a, 1);
      await claim(m, task.id).expect(201);
      const reminders = await t.ds
        .getRepository(NotificationEntity)
        .find({ where: { userId: m.id, kind: NotificationKind.TaskReminder }, order: { notBefore: 'ASC' } });
      expect(reminders.map((r) => Math.round((start - r.notBefore.getTime()) / 3600_000))).toEqual([24, 2]);
      await t.app.get(NotificationsService).dispatchDue();
      const still = await t.ds
        .getRepository(NotificationEntity)
        .countBy({ userId: m.id, kind: NotificationKind.TaskReminder, status: 'pending' });
      expect(still).toBe(2);
      const inbox = await t.http().get('/api/inbox').set(m.auth).expect(200);
      expect(inbox.body.items).toHaveLength(0);
    });
  });
});
