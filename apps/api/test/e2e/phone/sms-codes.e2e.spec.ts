/**
 * H5: a phone is verified by a 6-digit code sent through Tencent Cloud SMS (API 3.0, against a
 * local fake that checks the TC3-HMAC-SHA256 signature): codes stored hashed, expiring, five wrong
 * guesses per code, sends limited per phone and per IP, and any API process can check them.
 */
import { ErrorCode, PhoneVerificationMethod } from '@sbd/contracts';
import { TencentSmsFakeServer } from '../../fakes/tencent-sms-fake-server';
import { aRegistration, buildCity, createUser, nextPhone, type City, type TestUser } from '../../support/factories';
import { createTestApp, type TestApp } from '../../support/test-app';

describe('verifying a phone by SMS code (Tencent Cloud SMS)', () => {
  let t: TestApp;
  let sms: TencentSmsFakeServer;
  let endpoint: string;
  let city: City;
  let ipSeq = 0;

  beforeAll(async () => {
    sms = new TencentSmsFakeServer();
    endpoint = await sms.start();
    t = await createTestApp({
      ...sms.env(endpoint),
      RATE_LIMIT_SMS_SEND_PHONE: '3/3600',
      RATE_LIMIT_SMS_SEND_IP: '4/3600',
    });
    city = await buildCity(t);
  });
  afterAll(async () => {
    await t.close();
    await sms.stop();
  });

  /** Each test from an address of its own, so the per-IP limit is its own. */
  let from = '';
  beforeEach(() => {
    from = `198.51.100.${++ipSeq}`;
  });
  const send = (u: TestUser, phone: string) =>
    t.http().post('/api/phone-verifications/sms-codes').set(u.auth).set('X-Forwarded-For', from).send({ phone });
  const check = (u: TestUser, phone: string, code: string) =>
    t.http().post('/api/phone-verifications/sms').set(u.auth).send({ phone, code });
  const codeOf = (phone: string) => sms.lastTo(phone)!.params[0];
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('should send a signed SendSms with a 6-digit code, keep only its hash, and prove the phone with it', async () => {
    const member = await createUser(t);
    const phone = nextPhone();
    const res = await send(member, phone).expect(200);
    expect(res.body).toEqual({ expiresInSeconds: 300 });
    const request = sms.requests.at(-1)!;
    expect(request.signatureOk).toBe(true);
    expect(request.headers).toMatchObject({
      'x-tc-action': 'SendSms',
      'x-tc-version': '2021-01-11',
      'x-tc-region': 'ap-guangzhou',
      'content-type': 'application/json; charset=utf-8',
    });
    const sent = sms.lastTo(phone)!;
    expect(sent).toMatchObject({ templateId: sms.templateId, signName: '双报到' });
    expect(sent.params).toEqual([expect.stringMatching(/^\d{6}$/), '5']);
    const rows: Record<string, unknown>[] = await t.ds.query('SELECT * FROM sms_codes WHERE user_id = ?', [member.id]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(sent.params[0]);
    expect(JSON.stringify(rows)).not.toContain(phone);

    const proof = await check(member, phone, sent.params[0]).expect(200);
    expect(proof.body).toMatchObject({ phone, method: PhoneVerificationMethod.Sms });
    await t.http().post('/api/registrations').set(member.auth).send(aRegistration(city.a, { phone })).expect(201);
    const reuse = await check(member, phone, sent.params[0]).expect(400);
    expect(reuse.body.details).toEqual([{ field: 'code', message: '验证码已失效，请重新获取' }]);
  });

  it('should end a code after five wrong guesses, even for the right code, until a new one is sent', async () => {
    const member = await createUser(t);
    const phone = nextPhone();
    await send(member, phone).expect(200);
    const code = codeOf(phone);
    const messages: string[] = [];
    for (let i = 0; i < 5; i++) messages.push((await check(member, phone, wrong(code)).expect(400)).body.message);
    expect(messages).toEqual([
      '验证码不正确，还可以再试4次',
      '验证码不正确，还可以再试3次',
      '验证码不正确，还可以再试2次',
      '验证码不正确，还可以再试1次',
      '验证码错误次数过多，请重新获取',
    ]);
    const right = await check(member, phone, code).expect(400);
    expect(right.body).toEqual({
      code: ErrorCode.ValidationFailed,
      message: '验证码错误次数过多，请重新获取',
      details: [{ field: 'code', message: '验证码错误次数过多，请重新获取' }],
    });
    await send(member, phone).expect(200);
    await check(member, phone, codeOf(phone)).expect(200);
  });

  it('should count parallel guesses exactly: ten at once against one code, at most five are compared', async () => {
    const member = await createUser(t);
    const phone = nextPhone();
    await send(member, phone).expect(200);
    const code = codeOf(phone);
    const other = await t.sibling();
    const guesses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? other.http() : t.http())
          .post('/api/phone-verifications/sms')
          .set(member.auth)
          .send({ phone, code: wrong(code) }),
      ),
    );
    expect(guesses.every((g) => g.status === 400)).toBe(true);
    const [row] = await t.ds.query('SELECT attempts FROM sms_codes WHERE user_id = ?', [member.id]);
    expect(Number(row.attempts)).toBe(5);
    await check(member, phone, code).expect(400);
  });

  it('should refuse an expired code and accept only the newest one', async () => {
    const member = await createUser(t);
    const phone = nextPhone();
    await send(member, phone).expect(200);
    const first = codeOf(phone);
    await t.ds.query("UPDATE sms_codes SET expires_at = '2020-01-01 00:00:00.000' WHERE user_id = ?", [member.id]);
    const expired = await check(member, phone, first).expect(400);
    expect(expired.body.message).toBe('验证码已失效，请重新获取');
    await send(member, phone).expect(200);
    const older = codeOf(phone);
    await send(member, phone).expect(200);
    const newest = codeOf(phone);
    if (older !== newest) await check(member, phone, older).expect(400);
    await check(member, phone, newest).expect(200);
  });

  it('should check a code in another API process than the one that sent it', async () => {
    const member = await createUser(t);
    const phone = nextPhone();
    await send(member, phone).expect(200);
    const other = await t.sibling(sms.env(endpoint));
    await other
      .http()
      .post('/api/phone-verifications/sms')
      .set(member.auth)
      .send({ phone, code: codeOf(phone) })
      .expect(200);
    await t.http().post('/api/registrations').set(member.auth).send(aRegistration(city.a, { phone })).expect(201);
  });

  it('should not let a code sent for one account prove the phone for another', async () => {
    const owner = await createUser(t);
    const stranger = await createUser(t);
    const phone = nextPhone();
    await send(owner, phone).expect(200);
    await check(stranger, phone, codeOf(phone)).expect(400);
    await check(owner, phone, codeOf(phone)).expect(200);
  });

  it('should limit sends per phone (from any address) and per address, with 429 and Retry-After', async () => {
    const member = await createUser(t);
    const phone = nextPhone();
    for (let i = 0; i < 3; i++) {
      from = `198.51.101.${i + 1}`;
      await send(member, phone).expect(200);
    }
    from = '198.51.101.9';
    const perPhone = await send(member, phone).expect(429);
    expect(perPhone.body).toEqual({ code: ErrorCode.TooManyRequests, message: '操作太频繁，请稍后再试', details: [] });
    expect(Number(perPhone.headers['retry-after'])).toBeGreaterThan(0);

    from = '198.51.102.1';
    for (let i = 0; i < 3; i++) await send(member, nextPhone()).expect(200);
    await send(member, nextPhone()).expect(200);
    const perIp = await send(member, nextPhone()).expect(429);
    expect(Number(perIp.headers['retry-after'])).toBeLessThanOrEqual(3600);
  });

  it('should answer 429 when Tencent limits the number and 502 when it refuses the signature, leaving no usable code', async () => {
    const member = await createUser(t);
    const phone = nextPhone();
    sms.failNextStatus('LimitExceeded.PhoneNumberDailyLimit');
    const limited = await send(member, phone).expect(429);
    expect(limited.body.message).toBe('该手机号接收验证码太频繁，请稍后再试');
    expect(limited.headers['retry-after']).toBe('60');

    const wrongKey = await t.sibling({ ...sms.env(endpoint), TENCENT_SMS_SECRET_KEY: 'not-the-key' });
    const refused = await wrongKey
      .http()
      .post('/api/phone-verifications/sms-codes')
      .set(member.auth)
      .set('X-Forwarded-For', from)
      .send({ phone: nextPhone() })
      .expect(502);
    expect(refused.body).toEqual({
      code: ErrorCode.UpstreamUnavailable,
      message: '验证码发送失败，请稍后再试',
      details: [],
    });
    expect(sms.requests.at(-1)!.signatureOk).toBe(false);
    const live = await t.ds.query('SELECT id FROM sms_codes WHERE user_id = ? AND consumed_at IS NULL', [member.id]);
    expect(live).toHaveLength(0);
  });
});

describe('SMS codes without an SMS provider', () => {
  it('should hand the code back and log it in development (SMS_PROVIDER=log), so the demo stays usable', async () => {
    const t = await createTestApp({ SMS_PROVIDER: 'log' });
    try {
      const member = await createUser(t);
      const phone = nextPhone();
      const res = await t
        .http()
        .post('/api/phone-verifications/sms-codes')
        .set(member.auth)
        .send({ phone })
        .expect(200);
      expect(res.body).toEqual({ expiresInSeconds: 300, devCode: expect.stringMatching(/^\d{6}$/) });
      await t
        .http()
        .post('/api/phone-verifications/sms')
        .set(member.auth)
        .send({ phone, code: res.body.devCode })
        .expect(200);
    } finally {
      await t.close();
    }
  });

  it('should refuse to send with SMS off, pointing to WeChat, and write nothing', async () => {
    const t = await createTestApp({ SMS_PROVIDER: 'off' });
    try {
      const member = await createUser(t);
      const before = await t.counts();
      const res = await t
        .http()
        .post('/api/phone-verifications/sms-codes')
        .set(member.auth)
        .send({ phone: nextPhone() })
        .expect(503);
      expect(res.body.message).toBe('短信验证码暂未开通，请在微信小程序中点「获取手机号」验证');
      expect(await t.counts()).toEqual(before);
    } finally {
      await t.close();
    }
  });
});
