/**
 * Property: whatever reaches POST /api/uploads that is not one image in the `file` field of a
 * multipart form — JSON, text, junk under a multipart type, forms with the wrong content, forms cut
 * short — is answered 400 with a Chinese message, never a 5xx, and nothing is written.
 */
import fc from 'fast-check';
import { TINY_PNG as PNG } from '../../support/factories';
import { LOOP_RUNS } from '../../support/loop-malformed';
import { createLoopWorld, type LoopWorld } from '../../support/loop-world';
import { CHINESE, anyText, snapshotRows } from '../../support/malformed';
import { countBodySent, must } from '../../support/malformed-routes';

const BOUNDARY = 'sbdMalformedBoundary7MA4YWxk';
const part = (name: string, content: Buffer, filename?: string, type = 'image/png') =>
  Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: ${type}` : ''}\r\n\r\n`,
    ),
    content,
    Buffer.from('\r\n'),
  ]);
const form = (...parts: Buffer[]) => Buffer.concat([...parts, Buffer.from(`--${BOUNDARY}--\r\n`)]);
const multipart = `multipart/form-data; boundary=${BOUNDARY}`;
const bytes = fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a));

/** [content type, body]: each certainly not one image in the `file` field. */
const uploads: fc.Arbitrary<[string, Buffer]> = fc.oneof(
  // JSON, text, or nothing at all, instead of a form.
  fc
    .anything({ maxDepth: 2 })
    .filter((v) => v !== undefined)
    .map((v): [string, Buffer] => ['application/json', Buffer.from(JSON.stringify(v))]),
  anyText.map((s): [string, Buffer] => ['text/plain', Buffer.from(s)]),
  // Junk under a multipart type, with and without a boundary.
  bytes.map((b): [string, Buffer] => [multipart, b]),
  bytes.map((b): [string, Buffer] => ['multipart/form-data', b]),
  // Well-formed forms with the wrong content.
  bytes.map((b): [string, Buffer] => [multipart, form(part('file', b.subarray(0, 4), 'a.png'))]),
  bytes.map((b): [string, Buffer] => [
    multipart,
    form(part('file', Buffer.concat([Buffer.from('not an image'), b]), 'a.png')),
  ]),
  fc.constant<[string, Buffer]>([multipart, form(part('file', Buffer.alloc(0), 'empty.png'))]),
  fc.constant<[string, Buffer]>([multipart, form(part('photo', PNG, 'a.png'))]),
  fc.constant<[string, Buffer]>([multipart, form(part('file', Buffer.from('just text')))]),
  fc.constant<[string, Buffer]>([multipart, form(part('file', PNG, 'a.png'), part('file', PNG, 'b.png'))]),
  fc.constant<[string, Buffer]>([
    multipart,
    form(...Array.from({ length: 25 }, (_, i) => part(`f${i}`, Buffer.from('x')))),
  ]),
  fc.constant<[string, Buffer]>([multipart, form()]),
  // A good form cut short anywhere (busboy: unexpected end of form).
  fc.integer({ min: 0, max: 400 }).map((n): [string, Buffer] => {
    const whole = form(part('file', PNG, 'a.png'));
    return [multipart, whole.subarray(0, Math.min(n, whole.length - 10))];
  }),
);

describe('should refuse a malformed photo upload (POST /api/uploads, multipart)', () => {
  let w: LoopWorld;
  beforeAll(async () => {
    w = await createLoopWorld();
  });
  afterAll(() => w.t.close());

  it('answers every malformed upload with 400 and a Chinese message, never a 5xx, and writes nothing', async () => {
    const { t, memberA } = w;
    const rowsBefore = await snapshotRows(t);
    await fc.assert(
      fc.asyncProperty(uploads, async ([type, body]) => {
        countBodySent();
        const res = await t.http().post('/api/uploads').set(memberA.auth).set('Content-Type', type).send(body);
        const why = `${res.status} ${JSON.stringify(res.body)} for ${type} ${JSON.stringify(body.toString('latin1').slice(0, 200))}`;
        if (res.status !== 400) throw new Error(`expected 400, got ${why}`);
        if (typeof res.body.message !== 'string' || !CHINESE.test(res.body.message))
          throw new Error(`message is not Chinese: ${why}`);
      }),
      { numRuns: LOOP_RUNS.runs * 3 },
    );
    expect(await snapshotRows(t)).toEqual(rowsBefore);
    await must(
      t
        .http()
        .post('/api/uploads')
        .set(memberA.auth)
        .attach('file', PNG, { filename: 'a.png', contentType: 'image/png' }),
      201,
    );
  });
});
