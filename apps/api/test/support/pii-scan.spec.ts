/** The response scanner itself: what counts as a full number, and whose numbers may pass. */
import ExcelJS from 'exceljs';
import { createServer } from 'node:http';
import { fullNumbersIn, registerOwnNumbers, responseTexts, unmaskedNumbers } from './pii-scan';

const token = (sub: number) =>
  `Bearer x.${Buffer.from(JSON.stringify({ sub, typ: 'access' })).toString('base64url')}.sig`;

describe('the e2e response scan for full phone and ID numbers', () => {
  it('finds full mobile and ID numbers, and not masked ones or digits inside random identifiers', () => {
    expect(fullNumbersIn('联系 13912345678，身份证 11010519491231002x')).toEqual(['13912345678', '11010519491231002X']);
    expect(fullNumbersIn('139****5678 110105********002X 12345678901 1391234567 139123456789')).toEqual([]);
    expect(fullNumbersIn('a1391234567b 0b7e6f0e-6c4c-4a36-9a55-a13912345678 ts 1732810000000')).toEqual([]);
    expect(fullNumbersIn(`hex ${'ab'.repeat(4)}13912345678${'cd'.repeat(8)}`)).toEqual([]);
    // A matching score's fraction digits are not a phone number; a number after a full stop is.
    expect(fullNumbersIn(String(0.13987871875))).toEqual([]);
    expect(fullNumbersIn('电话.13912345678 身份证 0.11010519491231002X')).toEqual(['13912345678']);
  });

  it('reads JSON values (but not tokens), text and the cells of an .xlsx file', async () => {
    const json = { user: { phone: '13912345678' }, accessToken: 'x.13912345679.y', refreshToken: '13912345670' };
    expect(responseTexts({ body: json }).flatMap(fullNumbersIn)).toEqual(['13912345678']);
    expect(responseTexts({ body: {}, text: '<td>13912345678</td>' }).flatMap(fullNumbersIn)).toEqual(['13912345678']);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('花名册').addRow(['李红梅', '13912345678', 13812345678]);
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    expect(responseTexts({ body }).flatMap(fullNumbersIn).sort()).toEqual(['13812345678', '13912345678']);
  });

  it('lets a number through only to its owner, or on the audited reveal routes', async () => {
    const server = createServer();
    registerOwnNumbers(server, async (userId) => new Set(userId === 7 ? ['13912345678'] : []));
    const res = { body: { phone: '13912345678' } };
    const req = (method: string, url: string, authorization?: string) => ({ method, url, server, authorization });
    expect(await unmaskedNumbers(req('GET', 'http://127.0.0.1:1/api/me', token(7)), res)).toEqual([]);
    expect(await unmaskedNumbers(req('GET', '/api/needs/1', token(8)), res)).toEqual([
      '13912345678 in GET /api/needs/1 (requester: 8)',
    ]);
    expect(await unmaskedNumbers(req('GET', '/api/needs/1'), res)).toHaveLength(1);
    // A login answers the caller's own profile: the requester is whom its access token names.
    const login = { body: { accessToken: token(7).slice(7), user: { phone: '13912345678' } } };
    expect(await unmaskedNumbers(req('POST', '/api/auth/login'), login)).toEqual([]);
    expect(await unmaskedNumbers(req('POST', '/api/pii-reveals', token(8)), res)).toEqual([]);
    // A number the request itself carried is no news to the requester.
    const echo = { ...req('POST', '/api/auth/login'), body: { phone: '13912345678', password: 'x' } };
    expect(await unmaskedNumbers(echo, res)).toEqual([]);
    expect(await unmaskedNumbers(req('GET', '/api/callups/3/muster.xlsx', token(8)), res)).toHaveLength(1);
    expect(await unmaskedNumbers(req('GET', '/api/callups/3/muster.xlsx?reason=%E5%9B%9E', token(8)), res)).toEqual([]);
  });
});
