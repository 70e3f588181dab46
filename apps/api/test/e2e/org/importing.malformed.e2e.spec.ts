/**
 * Property: whatever reaches POST /api/org/nodes/:id/import that is not one .xlsx in the `file`
 * field of a multipart form (JSON, text, junk under a multipart type, forms with the wrong content,
 * forms cut short, zips that are no workbook) is answered 400 with a Chinese message, never a 5xx,
 * and nothing is written.
 */
import { ORG_IMPORT_COLUMNS } from '@sbd/contracts';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { FOUNDATION_RUNS } from '../../support/foundation-world';
import { CHINESE, anyText, snapshotRows } from '../../support/malformed';
import { countBodySent, must } from '../../support/malformed-routes';
import { createOrgWorld, type OrgWorld } from './org-world';

const BOUNDARY = 'sbdOrgImportBoundary3kQ9';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const part = (name: string, content: Buffer, filename?: string, type = XLSX) =>
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
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

async function workbook(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('组织').addRows([[...ORG_IMPORT_COLUMNS], ...rows]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** [content type, body]: each certainly not an importable file in the `file` field. */
function uploads(good: Buffer): fc.Arbitrary<[string, Buffer]> {
  return fc.oneof(
    fc
      .anything({ maxDepth: 2 })
      .filter((v) => v !== undefined)
      .map((v): [string, Buffer] => ['application/json', Buffer.from(JSON.stringify(v))]),
    anyText.map((s): [string, Buffer] => ['text/plain', Buffer.from(s)]),
    bytes.map((b): [string, Buffer] => [multipart, b]),
    bytes.map((b): [string, Buffer] => ['multipart/form-data', b]),
    bytes.map((b): [string, Buffer] => [multipart, form(part('file', b, 'org.xlsx'))]),
    bytes.map((b): [string, Buffer] => [multipart, form(part('file', Buffer.concat([ZIP, b]), 'org.xlsx'))]),
    fc.constant<[string, Buffer]>([multipart, form(part('file', Buffer.alloc(0), 'empty.xlsx'))]),
    fc.constant<[string, Buffer]>([multipart, form(part('workbook', good, 'org.xlsx'))]),
    fc.constant<[string, Buffer]>([multipart, form(part('file', good, 'a.xlsx'), part('file', good, 'b.xlsx'))]),
    fc.constant<[string, Buffer]>([multipart, form(...Array.from({ length: 25 }, (_, i) => part(`f${i}`, ZIP)))]),
    fc.constant<[string, Buffer]>([multipart, form()]),
    fc.integer({ min: 0, max: 400 }).map((n): [string, Buffer] => {
      const whole = form(part('file', good, 'org.xlsx'));
      return [multipart, whole.subarray(0, Math.min(n, whole.length - 10))];
    }),
  );
}

describe('should refuse a malformed org import (POST /api/org/nodes/:id/import, multipart)', () => {
  let w: OrgWorld;
  beforeAll(async () => {
    w = await createOrgWorld();
  });
  afterAll(() => w.t.close());

  it('answers every malformed upload with 400 and a Chinese message, never a 5xx, and writes nothing', async () => {
    const { t, districtAdmin, city } = w;
    const good = await workbook([['探针街道', '探针社区', null, null]]);
    const path = `/api/org/nodes/${city.districtId}/import`;
    const rowsBefore = await snapshotRows(t);
    await fc.assert(
      fc.asyncProperty(uploads(good), async ([type, body]) => {
        countBodySent();
        const res = await t.http().post(path).set(districtAdmin.auth).set('Content-Type', type).send(body);
        const why = `${res.status} ${JSON.stringify(res.body)} for ${type} ${JSON.stringify(body.toString('latin1').slice(0, 200))}`;
        if (res.status !== 400) throw new Error(`expected 400, got ${why}`);
        if (typeof res.body.message !== 'string' || !CHINESE.test(res.body.message))
          throw new Error(`message is not Chinese: ${why}`);
      }),
      { numRuns: FOUNDATION_RUNS.runs * 3 },
    );
    expect(await snapshotRows(t)).toEqual(rowsBefore);
    await must(
      t.http().post(path).set(districtAdmin.auth).attach('file', good, { filename: 'org.xlsx', contentType: XLSX }),
      200,
    );
  });
});
