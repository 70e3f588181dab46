/**
 * Mini-program codes: POST /wxa/getwxacodeunlimit answers the image, or JSON on failure.
 *
 * The image: WeChat draws a round code only WeChat can read, `width` px wide (documented range
 * 280–1280, default 430). Scanning it opens `page` with `options.scene` = encodeURIComponent(scene)
 * (an in-app `scanCode` reports `path: "<page>?scene=<encoded scene>"`). The fake answers a plain QR
 * of exactly that path (`wxacodeContent`), so a spec can decode any code it served and check the
 * scene and page a scanner would reach.
 */
import type { WechatFakeServer } from '../wechat-fake-server';
import { sceneQrPng } from './png';
import { isObject, type Reply } from './protocol';

const SCENE_ALLOWED = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]*$/;

export function getwxacodeunlimit(fake: WechatFakeServer, body: unknown, reply: Reply): void {
  // One message covers both: a scene that is missing, empty or too long, and a body that is not JSON.
  const invalid = 'invalid length for scene, or the data is not json string';
  if (!isObject(body)) return reply.error(40169, invalid);
  const scene = body.scene;
  if (typeof scene !== 'string' || scene.length === 0 || [...scene].length > 32) return reply.error(40169, invalid);
  if (!SCENE_ALLOWED.test(scene)) return reply.error(40129, 'invalid scene');
  const page = body.page;
  if (page !== undefined) {
    if (typeof page !== 'string' || !/^[A-Za-z]/.test(page) || page.includes('?')) {
      return reply.error(41030, 'invalid page');
    }
    // check_path defaults to true: the page must exist in the released mini-program.
    if (body.check_path !== false && !fake.publishedPages.has(page)) return reply.error(41030, 'invalid page');
  }
  fake.qrCodes.push(body);
  const width = typeof body.width === 'number' ? Math.min(1280, Math.max(280, Math.round(body.width))) : 430;
  reply.raw(200, fake.qrContentType, wxacodeImage(scene, typeof page === 'string' ? page : undefined, width));
}

/** What scanning the code of `scene` delivers: the page (default: the home page) and the encoded scene. */
export function wxacodeContent(scene: string, page = 'pages/index/index'): string {
  return `${page}?scene=${encodeURIComponent(scene)}`;
}

/** The image the fake serves for a scene, page and width. */
export function wxacodeImage(scene: string, page?: string, width = 430): Buffer {
  return sceneQrPng(wxacodeContent(scene, page), width);
}
