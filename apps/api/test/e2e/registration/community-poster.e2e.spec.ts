/**
 * The community poster (报到海报): a printable A4 page with WeChat's mini-program code or, for H5,
 * a QR of the registration address. Scanning the printed code must lead to the register page with
 * the community: the code region of the PNG is decoded with jsQR (the fake WeChat server draws a
 * QR of what its round code delivers: `<page>?scene=<encoded scene>`).
 */
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { ErrorCode, REGISTER_PAGE_PATH, Role } from '@sbd/contracts';
import jsQR from 'jsqr';
import { PDFDocument } from 'pdf-lib';
import { POSTER_CODE_BOX, POSTER_HEIGHT, POSTER_WIDTH } from '../../../src/org/poster-composer';
import { buildCity, createUser, type City, type TestUser } from '../../support/factories';
import { binaryParser, createTestApp, type TestApp } from '../../support/test-app';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Reads the code printed on the poster, as a phone would: the code's square with some margin. */
async function decodeCode(png: Buffer): Promise<string | null> {
  const image = await loadImage(png);
  const margin = 40;
  const src = { x: POSTER_CODE_BOX.x - margin, y: POSTER_CODE_BOX.y - margin, side: POSTER_CODE_BOX.size + 2 * margin };
  const side = 600;
  const canvas = createCanvas(side, side);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, src.x, src.y, src.side, src.side, 0, 0, side, side);
  const { data } = ctx.getImageData(0, 0, side, side);
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), side, side)?.data ?? null;
}

/** The RGB of one poster pixel. */
async function pixelAt(png: Buffer, x: number, y: number): Promise<number[]> {
  const canvas = createCanvas(1, 1);
  canvas.getContext('2d').drawImage(await loadImage(png), x, y, 1, 1, 0, 0, 1, 1);
  return [...canvas.getContext('2d').getImageData(0, 0, 1, 1).data.subarray(0, 3)];
}

/** Inside the logo disc, above where a logo image goes: the emblem's red, or a logo's white disc. */
const LOGO_RIM = { x: POSTER_WIDTH / 2, y: 2 * (118 - 66) };

describe('the community poster (报到海报)', () => {
  let t: TestApp;
  let city: City;
  let adminA: TestUser;
  let adminB: TestUser;
  const poster = (who: TestUser, ext: 'png' | 'pdf', query = '') =>
    t.http().get(`/api/communities/${city.a.id}/poster.${ext}${query}`).set(who.auth).buffer(true).parse(binaryParser);

  beforeAll(async () => {
    // The fake draws 1280 px codes in this process, beside the API's renders: allow a busy machine.
    t = await createTestApp({ WECHAT_TIMEOUT_MS: '10000' });
    city = await buildCity(t);
    adminA = await createUser(t, {
      name: '甲社区书记',
      roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.a.id }],
    });
    adminB = await createUser(t, {
      name: '乙社区书记',
      roles: [{ role: Role.CommunityAdmin, scopeNodeId: city.b.id }],
    });
  });
  afterAll(() => t.close());

  it('prints the mini-program code whose scene is the community code and whose page is the register page', async () => {
    const res = await poster(adminA, 'png').expect(200);
    const png = res.body as Buffer;
    expect(res.headers['content-type']).toBe('image/png');
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: POSTER_WIDTH, height: POSTER_HEIGHT });
    expect(POSTER_HEIGHT / POSTER_WIDTH).toBeCloseTo(297 / 210, 2);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="poster-${city.a.code}-wxacode.png"; filename*=UTF-8''${encodeURIComponent('甲社区-报到海报.png')}`,
    );
    // WeChat was asked for the largest code, for this community and page.
    const call = t.wechat.requestsTo('/wxa/getwxacodeunlimit').at(-1)!;
    expect(call.body).toMatchObject({ scene: city.a.code, page: REGISTER_PAGE_PATH, width: 1280 });

    // What a phone reads from the printed code: the page and the scene the page receives.
    const scanned = await decodeCode(png);
    expect(scanned).not.toBeNull();
    const [page, query] = scanned!.split('?');
    expect(page).toBe(REGISTER_PAGE_PATH);
    const scene = /^scene=([^&]*)$/.exec(query)?.[1];
    expect(decodeURIComponent(scene!)).toBe(city.a.code);
  });

  it('puts the configured logo (POSTER_LOGO_PATH) in the logo area instead of the drawn emblem', async () => {
    const logo = join(__dirname, '../../../../miniapp/src/assets/tabbar/home-on.png');
    const withLogo = await t.sibling({ POSTER_LOGO_PATH: logo });
    const url = `/api/communities/${city.a.id}/poster.png?kind=url`;
    const res = await withLogo.http().get(url).set(adminA.auth).buffer(true).parse(binaryParser).expect(200);
    expect(await pixelAt(res.body as Buffer, LOGO_RIM.x, LOGO_RIM.y)).toEqual([255, 255, 255]);
    const plain = await poster(adminA, 'png', '?kind=url').expect(200);
    const [r, g, b] = await pixelAt(plain.body as Buffer, LOGO_RIM.x, LOGO_RIM.y);
    expect(r).toBeGreaterThan(120);
    expect(g + b).toBeLessThan(80);
  });

  it('prints, for H5, a QR of the registration address with the community code', async () => {
    const before = t.wechat.requestsTo('/wxa/getwxacodeunlimit').length;
    const res = await poster(adminA, 'png', '?kind=url').expect(200);
    const png = res.body as Buffer;
    expect(pngSize(png)).toEqual({ width: POSTER_WIDTH, height: POSTER_HEIGHT });
    expect(await decodeCode(png)).toBe(`https://sbd.example.test/${REGISTER_PAGE_PATH}?community=${city.a.code}`);
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('甲社区-报到海报-网页版.png')}`,
    );
    expect(t.wechat.requestsTo('/wxa/getwxacodeunlimit')).toHaveLength(before);
  });

  it('is a one-page A4 PDF, for the street above the community as well', async () => {
    const streetAdmin = await createUser(t, { roles: [{ role: Role.StreetAdmin, scopeNodeId: city.streetA }] });
    const res = await poster(streetAdmin, 'pdf', '?kind=url').expect(200);
    const pdf = res.body as Buffer;
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('甲社区-报到海报-网页版.pdf')}`,
    );
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect(width).toBeCloseTo(595.28, 0);
    expect(height).toBeCloseTo(841.89, 0);
    expect(doc.getTitle()).toBe('甲社区报到海报');
  });

  it('is only for staff of the community or above', async () => {
    const member = await createUser(t, { roles: [{ role: Role.Member, scopeNodeId: city.a.id }] });
    const calls = t.wechat.requestsTo('/wxa/getwxacodeunlimit').length;
    await poster(member, 'png').expect(403);
    await poster(adminB, 'png').expect(403);
    await poster(adminB, 'pdf', '?kind=url').expect(403);
    expect(t.wechat.requestsTo('/wxa/getwxacodeunlimit')).toHaveLength(calls);
  });

  it('limits the renders one account asks for (RATE_LIMIT_POSTER_USER)', async () => {
    const limited = await t.sibling({ RATE_LIMIT_POSTER_USER: '2/60' });
    const url = `/api/communities/${city.a.id}/poster.pdf`;
    for (let i = 0; i < 2; i++) await limited.http().get(url).set(adminB.auth).expect(403);
    const res = await limited.http().get(url).set(adminB.auth).expect(429);
    expect(res.body.code).toBe(ErrorCode.TooManyRequests);
    expect(res.headers['retry-after']).toBeDefined();
    // Counted per account: another one is not held back.
    await limited.http().get(`/api/communities/${city.b.id}/poster.png?kind=svg`).set(adminA.auth).expect(400);
  });

  it('refuses an unknown kind with a Chinese field message', async () => {
    const res = await t.http().get(`/api/communities/${city.a.id}/poster.png?kind=svg`).set(adminA.auth).expect(400);
    expect(res.body.code).toBe(ErrorCode.ValidationFailed);
    expect(res.body.details).toEqual([
      { field: 'kind', message: '海报类型只能是 wxacode（小程序码）或 url（网页版二维码）' },
    ]);
  });

  it('answers 503 in Chinese when WeChat is unreachable', async () => {
    t.wechat.failHttpNext(2, 502);
    const res = await t.http().get(`/api/communities/${city.a.id}/poster.pdf`).set(adminA.auth).expect(503);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ code: ErrorCode.UpstreamUnavailable, message: '微信服务暂时不可用，请稍后再试' });
  });

  it('answers 503 in Chinese rather than printing empty boxes when no Chinese font is installed', async () => {
    const fontPath = t.config.poster.fontPath;
    t.config.poster.fontPath = null;
    try {
      const res = await t.http().get(`/api/communities/${city.a.id}/poster.png?kind=url`).set(adminA.auth).expect(503);
      expect(res.body).toMatchObject({
        code: ErrorCode.NotConfigured,
        message: '服务器未安装中文字体，暂时无法生成海报（请管理员安装中文字体或设置 POSTER_FONT_PATH）',
      });
    } finally {
      t.config.poster.fontPath = fontPath;
    }
  });
});
