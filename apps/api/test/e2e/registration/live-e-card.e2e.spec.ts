/**
 * 亮身份 with a live code: the member's e-card shows a signed QR that changes every 30 s; staff of
 * the member's community scan it and see who it is; an old code (a screenshot) and a forged one are
 * refused with a clear message, and staff of another community learn nothing.
 */
import { RegistrationStatus, type LiveCardCodeDto } from '@sbd/contracts';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import jsQR from 'jsqr';
import { APP_CONFIG, type AppConfig } from '../../../src/platform/config/app-config';
import { liveCardKey, signLiveCardCode } from '../../../src/identity/registration/live-card-code';
import { createUser, type TestUser } from '../../support/factories';
import type { TestApp } from '../../support/test-app';
import { MASKED, createRegistrationWorld, type RegistrationWorld } from './registration-world';

describe('亮身份: the live e-card code', () => {
  let t: TestApp;
  let adminA: TestUser;
  let adminB: TestUser;
  let member: TestUser;
  let cardNo: string;
  let submit: RegistrationWorld['submit'];

  beforeAll(async () => {
    ({ t, adminA, adminB, submit } = await createRegistrationWorld());
    member = await createUser(t, { name: '李卫东' });
    const reg = await submit(member, { name: '李卫东' });
    await t.http().post(`/api/registrations/${reg.id}/approve`).set(adminA.auth).send({}).expect(200);
    cardNo = (await t.http().get('/api/registrations/me/card').set(member.auth).expect(200)).body.cardNo;
  });
  afterAll(() => t.close());

  const liveCode = async (): Promise<LiveCardCodeDto> =>
    (await t.http().get('/api/registrations/me/card/live-code').set(member.auth).expect(200)).body;

  it('gives the member a signed code, its QR and when it expires', async () => {
    const asked = Date.now();
    const live = await liveCode();
    const answered = Date.now();
    expect(live.code.startsWith(`${cardNo}.`)).toBe(true);
    expect(live.refreshInSeconds).toBe(30);
    // Signed somewhere between asking and the answer, the code lives more than 30 s and at most
    // 60 s from its signing; bounded by both ends so a slow machine cannot fail it.
    const expiresAt = Date.parse(live.expiresAt);
    expect(expiresAt).toBeGreaterThan(asked + 30_000);
    expect(expiresAt).toBeLessThanOrEqual(answered + 60_000);
    // The QR the page shows encodes exactly the code staff will scan.
    const img = await loadImage(Buffer.from(live.qrDataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
    const ctx = createCanvas(img.width, img.height).getContext('2d');
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, img.width, img.height);
    expect(jsQR(new Uint8ClampedArray(data), img.width, img.height)?.data).toBe(live.code);
  });

  it('shows staff of the member’s community the verified identity and standing, phone masked', async () => {
    const { code } = await liveCode();
    const res = await t
      .http()
      .get(`/api/cards/live/${encodeURIComponent(code)}`)
      .set(adminA.auth)
      .expect(200);
    expect(res.body).toMatchObject({
      valid: true,
      status: RegistrationStatus.Approved,
      cardNo,
      name: '李卫东',
      communityName: '甲社区',
    });
    expect(res.body.phone).toMatch(MASKED);
    expect(res.body.approvedAt).toEqual(expect.any(String));
  });

  it('should not let staff of another community or a plain member read the card', async () => {
    const { code } = await liveCode();
    await t
      .http()
      .get(`/api/cards/live/${encodeURIComponent(code)}`)
      .set(adminB.auth)
      .expect(403);
    const other = await createUser(t);
    await t
      .http()
      .get(`/api/cards/live/${encodeURIComponent(code)}`)
      .set(other.auth)
      .expect(403);
    await t
      .http()
      .get(`/api/cards/live/${encodeURIComponent(code)}`)
      .expect(401);
  });

  it('refuses a screenshot: a code from a minute ago is expired, with a clear message on the field', async () => {
    const key = liveCardKey(t.app.get<AppConfig>(APP_CONFIG).jwtSecret);
    const old = signLiveCardCode(key, cardNo, new Date(Date.now() - 65_000)).code;
    const res = await t
      .http()
      .get(`/api/cards/live/${encodeURIComponent(old)}`)
      .set(adminA.auth)
      .expect(400);
    expect(res.body.message).toContain('已过期');
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'code' })]));
  });

  it('refuses a forged or mangled code as not an e-card, and a static card number too', async () => {
    const { code } = await liveCode();
    const forged = `${code.slice(0, -2)}${code.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const bad of [forged, cardNo, 'x'.repeat(500), `${cardNo}.zz.${'A'.repeat(22)}`]) {
      const res = await t
        .http()
        .get(`/api/cards/live/${encodeURIComponent(bad)}`)
        .set(adminA.auth)
        .expect(400);
      expect(res.body.message).toContain('不是有效的电子证二维码');
    }
  });

  it('refuses a live code to a member whose registration is not approved', async () => {
    const pending = await createUser(t);
    await submit(pending);
    await t.http().get('/api/registrations/me/card/live-code').set(pending.auth).expect(409);
  });
});
