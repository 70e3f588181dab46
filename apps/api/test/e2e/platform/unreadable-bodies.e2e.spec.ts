/**
 * Bodies the JSON parser cannot read, bodies over the size limit, and ids beyond any row: the API
 * answers each in Chinese with the `{ code, message }` shape, never a 5xx, and writes nothing.
 */
import { ErrorCode } from '@sbd/contracts';
import { createFoundationWorld, type FoundationWorld } from '../../support/foundation-world';
import { CHINESE } from '../../support/malformed';

describe('should answer bodies the parser cannot read, and ids beyond any row, in Chinese', () => {
  let w: FoundationWorld;
  beforeAll(async () => {
    w = await createFoundationWorld();
  });
  afterAll(() => w.t.close());

  it('answers malformed JSON with 400 MALFORMED_BODY', async () => {
    const { t, city, adminA } = w;
    const before = await t.counts();
    for (const text of [
      '{bad',
      '{"phone": "13900000000",}',
      "{'phone': 1}",
      '{"a":1}}',
      '[1, 2',
      '\u0000',
      'null',
      '"just a string"',
      '42',
    ]) {
      const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(text).expect(400);
      expect(res.body).toEqual({ code: ErrorCode.MalformedBody, message: '请求内容不是合法的 JSON', details: [] });
    }
    const authed = await t
      .http()
      .post(`/api/communities/${city.a.id}/positions`)
      .set(adminA.auth)
      .set('Content-Type', 'application/json')
      .send('{bad')
      .expect(400);
    expect(authed.body.code).toBe(ErrorCode.MalformedBody);
    expect(await t.counts()).toEqual(before);
  });

  it('answers a 2 MB body with 413 and a Chinese message', async () => {
    const { t, adminA, toReject } = w;
    const before = await t.counts();
    const body = JSON.stringify({ reason: 'x'.repeat(2 * 1024 * 1024) });
    const res = await t
      .http()
      .post(`/api/registrations/${toReject}/reject`)
      .set(adminA.auth)
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(413);
    expect(res.body).toEqual({ code: ErrorCode.PayloadTooLarge, message: '请求内容过大', details: [] });
    expect(CHINESE.test(res.body.message)).toBe(true);
    expect(await t.counts()).toEqual(before);
  });

  it('answers a JSON body in an unsupported charset with 415 and a Chinese message', async () => {
    const res = await w.t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json; charset=latin1')
      .send('{}')
      .expect(415);
    expect(res.body.code).toBe(ErrorCode.UnsupportedMediaType);
    expect(res.body.message).toMatch(CHINESE);
  });

  it('answers a numeric id beyond any row with 404, not a server error', async () => {
    const { t, adminA } = w;
    const res = await t
      .http()
      .patch('/api/positions/99999999999999999999')
      .set(adminA.auth)
      .send({ name: '名称' })
      .expect(404);
    expect(res.body).toEqual({ code: ErrorCode.NotFound, message: '岗位不存在', details: [] });
    await t.http().patch('/api/pairing-items/2147483648').set(adminA.auth).send({ title: '标题' }).expect(404);
    await t.http().post('/api/registrations/9007199254740993/approve').set(adminA.auth).send({}).expect(404);
  });
});
