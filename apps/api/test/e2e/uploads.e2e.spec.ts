import { ErrorCode, Role } from '@sbd/contracts';
import { UploadEntity } from '../../src/loop/uploads/entities/upload.entity';
import { WechatFakeServer } from '../fakes/wechat-fake-server';
import { buildCity, createUser, type TestUser } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const MB = 1024 * 1024;
const PNG = WechatFakeServer.PNG;
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0', 'latin1'),
  Buffer.alloc(64, 7),
  Buffer.from([0xff, 0xd9]),
]);
const WEBP = (() => {
  const payload = Buffer.concat([Buffer.from('WEBPVP8 ', 'latin1'), Buffer.alloc(40, 1)]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(payload.length);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), size, payload]);
})();
const TOO_LARGE = '图片大小不能超过5MB';
const WRONG_TYPE = '只支持 JPG、PNG、WEBP 图片';

/** An image of exactly `bytes` bytes whose first bytes say PNG. */
const pngOfSize = (bytes: number) => Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(bytes - 8, 0x41)]);

describe('uploads (photos of needs)', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    const city = await buildCity(t);
    user = await createUser(t, { roles: [{ role: Role.Resident, scopeNodeId: city.a.id }] });
  });
  afterAll(() => t.close());

  const upload = (file: Buffer, filename = 'photo.png', contentType = 'image/png', field = 'file') =>
    t.http().post('/api/uploads').set(user.auth).attach(field, file, { filename, contentType });

  it.each([
    ['PNG', PNG, 'image/png'],
    ['JPEG', JPEG, 'image/jpeg'],
    ['WEBP', WEBP, 'image/webp'],
  ])('stores a %s and serves it back with its type and a private cache header', async (_name, file, mime) => {
    // The declared type does not matter: the bytes decide.
    const res = await upload(file, 'x.bin', 'application/octet-stream').expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: `/api/uploads/${res.body.id}`,
      mime,
      size: file.length,
    });
    const row = await t.ds.getRepository(UploadEntity).findOneByOrFail({ id: res.body.id });
    expect(row).toMatchObject({ ownerUserId: user.id, mime, size: file.length });
    // Served to anyone (image tags send no token).
    const got = await t
      .http()
      .get(res.body.url)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(got.headers['content-type']).toBe(mime);
    expect(got.headers['cache-control']).toBe('private, max-age=86400');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(got.body as Buffer, file)).toBe(0);
  });

  it('accepts exactly 5 MB', async () => {
    const res = await upload(pngOfSize(5 * MB)).expect(201);
    expect(res.body.size).toBe(5 * MB);
  });

  it('refuses a file over 5 MB with a Chinese message, never a 500, and writes nothing', async () => {
    const before = await t.counts();
    const res = await upload(pngOfSize(5 * MB + 1));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: ErrorCode.ValidationFailed,
      message: TOO_LARGE,
      details: [{ field: 'file', message: TOO_LARGE }],
    });
    expect(await t.counts()).toEqual(before);
  });

  it.each([
    ['text dressed as a PNG', Buffer.from('hello, this is not an image at all'), 'evil.png', 'image/png'],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'a.gif', 'image/gif'],
    [
      'an SVG',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'a.svg',
      'image/svg+xml',
    ],
    ['a truncated PNG signature', PNG.subarray(0, 5), 'a.png', 'image/png'],
  ])('refuses %s by its bytes and writes nothing', async (_name, file, filename, type) => {
    const before = await t.counts();
    const res = await upload(file, filename, type).expect(400);
    expect(res.body.details).toEqual([{ field: 'file', message: WRONG_TYPE }]);
    expect(await t.counts()).toEqual(before);
  });

  it('asks for a file when none is sent, and for the file field when another is used', async () => {
    const none = await t.http().post('/api/uploads').set(user.auth).field('note', 'x').expect(400);
    expect(none.body.details).toEqual([{ field: 'file', message: '请选择要上传的图片' }]);
    const json = await t.http().post('/api/uploads').set(user.auth).send({ file: 'x' }).expect(400);
    expect(json.body.details).toEqual([{ field: 'file', message: '请选择要上传的图片' }]);
    const wrong = await upload(PNG, 'a.png', 'image/png', 'photo').expect(400);
    expect(wrong.body).toMatchObject({ code: ErrorCode.ValidationFailed, message: '请通过 file 字段上传一张图片' });
  });

  it('refuses two files in one request', async () => {
    const before = await t.counts();
    const res = await t
      .http()
      .post('/api/uploads')
      .set(user.auth)
      .attach('file', PNG, { filename: 'a.png', contentType: 'image/png' })
      .attach('file', PNG, { filename: 'b.png', contentType: 'image/png' })
      .expect(400);
    expect(res.body.details[0].field).toBe('file');
    expect(await t.counts()).toEqual(before);
  });

  it('requires a login to upload', async () => {
    await t
      .http()
      .post('/api/uploads')
      .attach('file', PNG, { filename: 'a.png', contentType: 'image/png' })
      .expect(401);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    const unknown = await t.http().get('/api/uploads/00000000-0000-4000-8000-000000000000').expect(404);
    expect(unknown.body).toEqual({ code: ErrorCode.NotFound, message: '图片不存在', details: [] });
    await t.http().get('/api/uploads/..%2F..%2Fetc%2Fpasswd').expect(404);
    await t.http().get('/api/uploads/not-a-uuid').expect(404);
  });
});
