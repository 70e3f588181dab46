/**
 * WeChat subscribe messages end to end against the WeChat fake in its one-time-subscription mode:
 * the templates the mini-program requests at each moment, the choices it records, and the
 * dispatcher that sends a WeChat message only for an unused acceptance (taking it) and otherwise
 * leaves the notice in the inbox.
 */
import { ErrorCode, NotificationKind, Role, SubscribeChoice, SubscribeMoment } from '@sbd/contracts';
import { NotificationEntity } from '../../../src/messaging/notifications/entities/notification.entity';
import { NotificationsService } from '../../../src/messaging';
import {
  aRegistration,
  buildCity,
  createApprovedMembers,
  createUser,
  linkWechat,
  type City,
  type TestUser,
} from '../../support/factories';
import { createTestApp, type TestApp } from '../../support/test-app';
import { registerAs } from '../../support/verified';

const TEMPLATES = {
  [NotificationKind.TaskReminder]: 'tmpl-remind',
  [NotificationKind.TaskCancelled]: 'tmpl-task',
  [NotificationKind.ClaimVerified]: 'tmpl-task',
  [NotificationKind.NeedAccepted]: 'tmpl-need',
  [NotificationKind.NeedFulfilled]: 'tmpl-need-done',
  [NotificationKind.PointsChanged]: 'tmpl-points',
  [NotificationKind.RegistrationApproved]: 'tmpl-reg',
  [NotificationKind.RegistrationRejected]: 'tmpl-reg',
};

describe('subscribe messages: what the app asks for, what the user chose, what WeChat delivers', () => {
  let t: TestApp;
  let city: City;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp({ WECHAT_TEMPLATE_IDS: JSON.stringify(TEMPLATES) });
    city = await buildCity(t);
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.wechat.subscriptionMode = 'grants';
  });

  /** An approved member with WeChat (openid-sub-N). */
  async function member(): Promise<TestUser & { openid: string }> {
    const [m] = await createApprovedMembers(t, city.a, 1);
    const openid = `openid-sub-${++seq}`;
    await linkWechat(t, m, openid);
    return { ...m, openid };
  }

  /** What the mini-program does after requestSubscribeMessage: WeChat grants, the API records. */
  async function choose(m: TestUser & { openid: string }, templateId: string, choice: SubscribeChoice) {
    if (choice === SubscribeChoice.Accept) t.wechat.grant(m.openid, templateId);
    return t
      .http()
      .post('/api/subscriptions/choices')
      .set(m.auth)
      .send({ choices: [{ templateId, choice }] })
      .expect(200);
  }

  async function notify(userId: number, key: string): Promise<void> {
    await t.app.get(NotificationsService).enqueue(t.ds.manager, {
      userId,
      kind: NotificationKind.PointsChanged,
      title: '积分变动',
      body: '服务核验通过，积分增加5分',
      dedupeKey: `sub-test:${key}`,
    });
  }

  const remaining = async (m: TestUser, templateId: string) => {
    const res = await t.http().get('/api/subscriptions').set(m.auth).expect(200);
    return (res.body as { templateId: string; remaining: number }[]).find((s) => s.templateId === templateId)
      ?.remaining;
  };
  const row = (key: string) => t.ds.getRepository(NotificationEntity).findOneByOrFail({ dedupeKey: `sub-test:${key}` });

  it('should give the app the configured templates of each moment, each template once', async () => {
    const m = await member();
    const at = async (moment: SubscribeMoment) =>
      (await t.http().get(`/api/subscriptions/templates?moment=${moment}`).set(m.auth).expect(200)).body;
    expect(await at(SubscribeMoment.AfterClaim)).toEqual({
      moment: SubscribeMoment.AfterClaim,
      templates: [
        { templateId: 'tmpl-remind', kinds: [NotificationKind.TaskReminder], label: '服务提醒' },
        {
          templateId: 'tmpl-task',
          kinds: [NotificationKind.TaskCancelled, NotificationKind.ClaimVerified],
          label: '任务已取消、服务已核验',
        },
      ],
    });
    expect((await at(SubscribeMoment.AfterNeed)).templates.map((x: { templateId: string }) => x.templateId)).toEqual([
      'tmpl-need',
      'tmpl-need-done',
    ]);
    expect((await at(SubscribeMoment.AfterRegistration)).templates).toHaveLength(1);
    expect((await at(SubscribeMoment.RemindMe)).templates.map((x: { templateId: string }) => x.templateId)).toEqual([
      'tmpl-remind',
    ]);
    const bad = await t.http().get('/api/subscriptions/templates?moment=whenever').set(m.auth).expect(400);
    expect(bad.body).toMatchObject({
      code: ErrorCode.ValidationFailed,
      details: [{ field: 'moment', message: '订阅时机不正确' }],
    });
  });

  it('should count acceptances, and drop them on a rejection or a ban but not on a filtered template', async () => {
    const m = await member();
    await choose(m, 'tmpl-points', SubscribeChoice.Accept);
    const twice = await choose(m, 'tmpl-points', SubscribeChoice.Accept);
    expect(twice.body).toContainEqual({
      templateId: 'tmpl-points',
      kinds: [NotificationKind.PointsChanged],
      label: '积分变动',
      remaining: 2,
      lastChoice: SubscribeChoice.Accept,
    });
    await choose(m, 'tmpl-points', SubscribeChoice.Filter);
    expect(await remaining(m, 'tmpl-points')).toBe(2);
    await choose(m, 'tmpl-points', SubscribeChoice.Reject);
    expect(await remaining(m, 'tmpl-points')).toBe(0);
    await choose(m, 'tmpl-need', SubscribeChoice.Accept);
    await choose(m, 'tmpl-need', SubscribeChoice.Ban);
    expect(await remaining(m, 'tmpl-need')).toBe(0);
  });

  it('should refuse a template it never asked for, or one twice, and record nothing', async () => {
    const m = await member();
    const before = await t.counts();
    const unknown = await t
      .http()
      .post('/api/subscriptions/choices')
      .set(m.auth)
      .send({
        choices: [
          { templateId: 'tmpl-points', choice: 'accept' },
          { templateId: 'tmpl-other', choice: 'accept' },
        ],
      })
      .expect(400);
    expect(unknown.body).toEqual({
      code: ErrorCode.ValidationFailed,
      message: '该订阅消息模板不存在或已停用',
      details: [{ field: 'choices.1.templateId', message: '该订阅消息模板不存在或已停用' }],
    });
    const twice = await t
      .http()
      .post('/api/subscriptions/choices')
      .set(m.auth)
      .send({
        choices: [
          { templateId: 'tmpl-points', choice: 'accept' },
          { templateId: 'tmpl-points', choice: 'reject' },
        ],
      })
      .expect(400);
    expect(twice.body.details).toEqual([{ field: 'choices.1.templateId', message: '同一个模板只能提交一次' }]);
    expect(await t.counts()).toEqual(before);
  });

  it('should deliver one WeChat message for an acceptance, use it up, and leave the next notice in the inbox', async () => {
    const m = await member();
    await choose(m, 'tmpl-points', SubscribeChoice.Accept);
    await notify(m.id, `accept-1:${m.id}`);
    await t.app.get(NotificationsService).dispatchDue();
    expect(await row(`accept-1:${m.id}`)).toMatchObject({ status: 'sent', channel: 'wechat' });
    const sent = t.wechat.sentMessages.filter((s) => s.touser === m.openid);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ template_id: 'tmpl-points', data: { thing1: { value: '积分变动' } } });
    expect(await remaining(m, 'tmpl-points')).toBe(0);

    const sendsBefore = t.wechat.requestsTo('/cgi-bin/message/subscribe/send').length;
    await notify(m.id, `accept-2:${m.id}`);
    await t.app.get(NotificationsService).dispatchDue();
    expect(await row(`accept-2:${m.id}`)).toMatchObject({ status: 'inbox', channel: 'inbox' });
    // Not even tried: WeChat would have answered 43101.
    expect(t.wechat.requestsTo('/cgi-bin/message/subscribe/send')).toHaveLength(sendsBefore);
    const inbox = await t.http().get('/api/inbox').set(m.auth).expect(200);
    expect(inbox.body.items).toHaveLength(2);
  });

  it('should send nothing to a user who rejected, and keep the notice in the inbox', async () => {
    const m = await member();
    await choose(m, 'tmpl-points', SubscribeChoice.Reject);
    const sendsBefore = t.wechat.requestsTo('/cgi-bin/message/subscribe/send').length;
    await notify(m.id, `reject:${m.id}`);
    await t.app.get(NotificationsService).dispatchDue();
    expect(await row(`reject:${m.id}`)).toMatchObject({ status: 'inbox', channel: 'inbox' });
    expect(t.wechat.requestsTo('/cgi-bin/message/subscribe/send')).toHaveLength(sendsBefore);
    expect(t.wechat.sentMessages.filter((s) => s.touser === m.openid)).toHaveLength(0);
    const inbox = await t.http().get('/api/inbox').set(m.auth).expect(200);
    expect(inbox.body.items.map((n: { title: string }) => n.title)).toEqual(['积分变动']);
  });

  it('should spend one acceptance once when two API processes dispatch at the same moment', async () => {
    const m = await member();
    await choose(m, 'tmpl-points', SubscribeChoice.Accept);
    await notify(m.id, `two-a:${m.id}`);
    await notify(m.id, `two-b:${m.id}`);
    const other = await t.sibling({ WORKER_ID: 'second-process' });
    await Promise.all([
      t.app.get(NotificationsService).dispatchDue(),
      other.app.get(NotificationsService).dispatchDue(),
    ]);
    const rows = [await row(`two-a:${m.id}`), await row(`two-b:${m.id}`)];
    expect(rows.map((r) => r.channel).sort()).toEqual(['inbox', 'wechat']);
    expect(t.wechat.sentMessages.filter((s) => s.touser === m.openid)).toHaveLength(1);
    expect(await remaining(m, 'tmpl-points')).toBe(0);
  });

  it('should believe WeChat over its own count (43101) and give an acceptance back when WeChat was down', async () => {
    const m = await member();
    await t
      .http()
      .post('/api/subscriptions/choices')
      .set(m.auth)
      .send({ choices: [{ templateId: 'tmpl-points', choice: 'accept' }] })
      .expect(200);
    // WeChat holds no grant for this user: 43101.
    await notify(m.id, `refused:${m.id}`);
    await t.app.get(NotificationsService).dispatchDue();
    expect(await row(`refused:${m.id}`)).toMatchObject({ status: 'inbox', lastError: '43101 user not subscribed' });
    expect(await remaining(m, 'tmpl-points')).toBe(0);

    await choose(m, 'tmpl-points', SubscribeChoice.Accept);
    t.wechat.failHttpNext(1, 502, '/cgi-bin/message/subscribe/send');
    await notify(m.id, `down:${m.id}`);
    await t.app.get(NotificationsService).dispatchDue();
    expect(await row(`down:${m.id}`)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await remaining(m, 'tmpl-points')).toBe(1);
    await t.app.get(NotificationsService).dispatchDue(new Date(Date.now() + 60_000));
    expect(await row(`down:${m.id}`)).toMatchObject({ status: 'sent', channel: 'wechat' });
    expect(await remaining(m, 'tmpl-points')).toBe(0);
  });

  it('should tell a member the community’s decision on their 报到, through WeChat once they subscribed after submitting', async () => {
    const admin = await createUser(t, { roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }] });
    const applicant = await createUser(t);
    const openid = `openid-sub-${++seq}`;
    await linkWechat(t, applicant, openid);
    const reg = (await registerAs(t, applicant, aRegistration(city.a))).body as { id: number };
    await choose({ ...applicant, openid }, 'tmpl-reg', SubscribeChoice.Accept);
    await t
      .http()
      .post(`/api/registrations/${reg.id}/reject`)
      .set(admin.auth)
      .send({ reason: '楼栋填写有误' })
      .expect(200);
    await t.app.get(NotificationsService).dispatchDue();
    const [message] = t.wechat.sentMessages.filter((s) => s.touser === openid);
    expect(message).toMatchObject({ template_id: 'tmpl-reg', data: { thing1: { value: '报到未通过审核' } } });

    await registerAs(t, applicant, aRegistration(city.a));
    await t.http().post(`/api/registrations/${reg.id}/approve`).set(admin.auth).send({}).expect(200);
    await t.app.get(NotificationsService).dispatchDue();
    const inbox = await t.http().get('/api/inbox').set(applicant.auth).expect(200);
    expect(inbox.body.items.map((n: { kind: string; body: string }) => [n.kind, n.body])).toEqual([
      [NotificationKind.RegistrationApproved, '您在「甲社区」的报到已通过审核，可以领取服务任务了'],
      [NotificationKind.RegistrationRejected, '您在「甲社区」的报到未通过：楼栋填写有误'],
    ]);
    // The one acceptance carried the rejection; the approval waits in the inbox.
    expect(t.wechat.sentMessages.filter((s) => s.touser === openid)).toHaveLength(1);
  });
});
