/** Mini-program codes: POST /wxa/getwxacodeunlimit answers the image, or JSON on failure. */
import type { WechatFakeServer } from '../wechat-fake-server';
import { fakePng } from './png';
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
  reply.raw(200, fake.qrContentType, fakePng());
}
