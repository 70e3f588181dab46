/**
 * A local stand-in for https://api.weixin.qq.com that speaks the documented protocol of the
 * endpoints the API uses. node:http only, no dependencies. Tests point `WechatClient` at
 * `await fake.start()` and steer failures with the knobs below.
 *
 * Protocol notes (from WeChat's official docs and developers' reports):
 * - Errors come back as HTTP 200 with `{errcode, errmsg}`; errmsg ends with `, rid: <id>`
 *   (older responses used `hint: [...]`). Success bodies of code2Session and stable_token carry
 *   no errcode at all; msg_sec_check and subscribe/send answer `errcode: 0, errmsg: 'ok'`.
 * - getwxacodeunlimit answers the raw image on success and JSON (`application/json;
 *   encoding=utf-8`) on failure. Developers report `Content-Type: image/jpeg` for successes;
 *   this fake sends a real PNG with `image/png` unless `qrContentType` says otherwise.
 * - stable_token: normal mode returns the current token while it is valid (a new one in its last
 *   5 minutes, the old one staying valid until it expires); force_refresh=true invalidates the
 *   previous token and issues a new one (documented limit: 20 a day, ≥ 30 s apart, otherwise
 *   "it does not refresh" — see `forceRefreshMinIntervalMs`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/sns/jscode2session`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, the raw text when it is not JSON, or null when empty. */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export interface SentSubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
  msgid: number;
}

export interface MsgSecDetail {
  strategy: 'content_model' | 'keyword';
  errcode: number;
  suggest?: 'pass' | 'review' | 'risky';
  label?: number;
  prob?: number;
  level?: number;
  keyword?: string;
}

interface TokenState {
  expiresAt: number;
  revoked: boolean;
}

/** A one-shot failure armed by a `...Next(n)` knob; `path` limits it to one endpoint. */
interface Armed {
  remaining: number;
  path?: string;
}

/** Documented `msgSecCheck` labels (result.label / detail[].label). */
export const MsgSecLabel = {
  Normal: 100,
  Ad: 10001,
  Politics: 20001,
  Porn: 20002,
  Abuse: 20003,
  Illegal: 20006,
  Fraud: 20008,
  Vulgar: 20012,
  Copyright: 20013,
  Other: 21000,
} as const;

const SCENE_ALLOWED = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]*$/;

export class WechatFakeServer {
  // ---- identity -------------------------------------------------------------------------------
  appId = 'wx-fake-appid';
  appSecret = 'fake-secret';

  // ---- jscode2session ------------------------------------------------------------------------
  /** Valid wx.login codes. Each can be exchanged once (a second use answers 40163). */
  readonly codes = new Map<string, { openid: string; unionid?: string; sessionKey?: string }>();
  /** Codes of high-risk users: 40226 'code blocked'. */
  readonly blockedCodes = new Set<string>();

  // ---- stable_token ---------------------------------------------------------------------------
  /** expires_in of a fresh token, in seconds. */
  tokenTtlSeconds = 7200;
  /** WeChat refuses to refresh when force_refresh calls come closer than 30 s; 0 disables. */
  forceRefreshMinIntervalMs = 0;

  // ---- getwxacodeunlimit ----------------------------------------------------------------------
  /** Content-Type of a successful code image (the body is always the PNG below). */
  qrContentType = 'image/png';
  /** Pages of the released mini-program; checked when check_path is true (WeChat's default). */
  readonly publishedPages = new Set<string>(['pages/index/index']);
  /** Bodies of successful getwxacodeunlimit calls. */
  readonly qrCodes: Array<Record<string, unknown>> = [];

  // ---- msg_sec_check ---------------------------------------------------------------------------
  /** word → label: content containing it is `risky`. */
  readonly riskyWords = new Map<string, number>();
  /** word → label: content containing it is `review`. */
  readonly reviewWords = new Map<string, number>();
  /** openids that have not opened the mini-program in the last two hours: 61010. */
  readonly staleOpenids = new Set<string>();

  // ---- subscribe/send --------------------------------------------------------------------------
  /** Users who refused (or whose one-time grants are used up): 43101. */
  readonly unsubscribed = new Set<string>();
  /** Template ids that exist; when empty any non-empty template_id is accepted. */
  readonly templates = new Set<string>();
  /**
   * 'open': anyone not in `unsubscribed` receives any number of messages.
   * 'grants': WeChat's one-time subscriptions: each `grant(openid, templateId)` allows one send.
   */
  subscriptionMode: 'open' | 'grants' = 'open';
  readonly sentMessages: SentSubscribeMessage[] = [];

  /** Every request received, in order (including ones answered by a failure knob). */
  readonly requests: RecordedRequest[] = [];

  private server: Server | null = null;
  private baseUrl = '';
  private readonly tokens = new Map<string, TokenState>();
  private currentToken: string | null = null;
  private lastForceRefreshAt = -Infinity;
  private readonly usedCodes = new Set<string>();
  private readonly grants = new Map<string, number>();
  private nextMsgId = 1_000_000_001;
  private busy: Armed[] = [];
  private rateLimited: Armed[] = [];
  private httpFailures: Array<Armed & { status: number }> = [];
  private delays: Array<Armed & { ms: number }> = [];
  private stalls: Array<Armed & { ms: number }> = [];
  private tokenRejections: Array<Armed & { errcode: 40001 | 42001 }> = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Listens on 127.0.0.1 with an ephemeral port; resolves to e.g. `http://127.0.0.1:41234`. */
  async start(): Promise<string> {
    if (this.server) return this.baseUrl;
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Forgets all state and knobs (the server keeps listening on the same port). */
  reset(): void {
    this.appId = 'wx-fake-appid';
    this.appSecret = 'fake-secret';
    this.codes.clear();
    this.blockedCodes.clear();
    this.usedCodes.clear();
    this.tokenTtlSeconds = 7200;
    this.forceRefreshMinIntervalMs = 0;
    this.tokens.clear();
    this.currentToken = null;
    this.lastForceRefreshAt = -Infinity;
    this.qrContentType = 'image/png';
    this.publishedPages.clear();
    this.publishedPages.add('pages/index/index');
    this.qrCodes.length = 0;
    this.riskyWords.clear();
    this.reviewWords.clear();
    this.staleOpenids.clear();
    this.unsubscribed.clear();
    this.templates.clear();
    this.subscriptionMode = 'open';
    this.grants.clear();
    this.sentMessages.length = 0;
    this.requests.length = 0;
    this.busy = [];
    this.rateLimited = [];
    this.httpFailures = [];
    this.delays = [];
    this.stalls = [];
    this.tokenRejections = [];
  }

  // ---- knobs ---------------------------------------------------------------------------------

  /** Next n requests (to `path`, or to any endpoint) answer `{errcode: -1, errmsg: 'system error'}`. */
  busyNext(n = 1, path?: string): void {
    this.busy.push({ remaining: n, path });
  }

  /** Next n requests answer 45011 'api minute-quota reach limit mustslower retry next minute'. */
  rateLimitNext(n = 1, path?: string): void {
    this.rateLimited.push({ remaining: n, path });
  }

  /** Next n requests get a bare HTTP error page (502 Bad Gateway unless told otherwise). */
  failHttpNext(n = 1, status = 502, path?: string): void {
    this.httpFailures.push({ remaining: n, status, path });
  }

  /** The next request's response (headers included) is held back for `ms`. */
  delayNextMs(ms: number, path?: string): void {
    this.delays.push({ remaining: 1, ms, path });
  }

  /** The next request gets its status line and headers at once but its body only after `ms`. */
  stallBodyNextMs(ms: number, path?: string): void {
    this.stalls.push({ remaining: 1, ms, path });
  }

  /**
   * Next n token-protected calls answer `errcode` (40001 by default) even with a valid token, as
   * WeChat sometimes does; unlike `expireTokens()` the current token stays what stable_token gives.
   */
  rejectTokenNext(n = 1, errcode: 40001 | 42001 = 40001): void {
    this.tokenRejections.push({ remaining: n, errcode });
  }

  /** Every token issued so far expires now: using one answers 42001 'access_token expired'. */
  expireTokens(): void {
    const past = Date.now() - 1;
    for (const state of this.tokens.values()) state.expiresAt = Math.min(state.expiresAt, past);
  }

  /** One-time subscription: allows `count` more sends of `templateId` to `openid` ('grants' mode). */
  grant(openid: string, templateId: string, count = 1): void {
    const key = `${openid}\u0000${templateId}`;
    this.grants.set(key, (this.grants.get(key) ?? 0) + count);
  }

  /** Tokens currently accepted by token-protected endpoints. */
  validTokens(): string[] {
    const now = Date.now();
    return [...this.tokens].filter(([, s]) => !s.revoked && s.expiresAt > now).map(([t]) => t);
  }

  /** Recorded requests to one path. */
  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** The minimal valid PNG served as a mini-program code. */
  static get PNG(): Buffer {
    return (pngCache ??= makePng(8, 8));
  }

  // ---- dispatch ------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    let body: unknown = null;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const path = url.pathname;
    this.requests.push({
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      headers: { ...req.headers },
    });

    const delay = take(this.delays, path);
    if (delay) await this.sleep(delay.ms);
    if (!this.server) return;
    const stall = take(this.stalls, path);
    const reply = new Reply(res, stall ? stall.ms : 0, this.timers);

    const httpFailure = take(this.httpFailures, path);
    if (httpFailure) {
      reply.raw(httpFailure.status, 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>');
      return;
    }
    if (take(this.busy, path)) return reply.error(-1, 'system error');
    if (take(this.rateLimited, path)) {
      return reply.error(45011, 'api minute-quota reach limit mustslower retry next minute');
    }

    switch (path) {
      case '/sns/jscode2session':
        return this.jscode2session(req.method, url.searchParams, reply);
      case '/cgi-bin/stable_token':
        return this.stableToken(req.method, body, reply);
      case '/wxa/getwxacodeunlimit':
        return this.withToken(req.method, url.searchParams, reply, () => this.getwxacodeunlimit(body, reply));
      case '/wxa/msg_sec_check':
        return this.withToken(req.method, url.searchParams, reply, () => this.msgSecCheck(body, reply));
      case '/cgi-bin/message/subscribe/send':
        return this.withToken(req.method, url.searchParams, reply, () => this.subscribeSend(body, reply));
      default:
        // WeChat answers unknown paths with a JSON error as well.
        return reply.error(48001, 'api unauthorized');
    }
  }

  // ---- endpoints -----------------------------------------------------------------------------

  private jscode2session(method: string | undefined, q: URLSearchParams, reply: Reply): void {
    if (method !== 'GET') return reply.error(43001, 'require GET method');
    const appid = q.get('appid');
    const secret = q.get('secret');
    const code = q.get('js_code');
    if (!appid || appid !== this.appId) return reply.error(40013, 'invalid appid');
    if (!secret || secret !== this.appSecret) return reply.error(40125, 'invalid appsecret');
    if (q.get('grant_type') !== 'authorization_code') return reply.error(40002, 'invalid grant_type');
    if (!code) return reply.error(41008, 'missing code');
    if (this.blockedCodes.has(code)) return reply.error(40226, 'code blocked');
    if (this.usedCodes.has(code)) return reply.error(40163, 'code been used');
    const entry = this.codes.get(code);
    if (!entry) return reply.error(40029, 'invalid code');
    this.usedCodes.add(code);
    const out: Record<string, unknown> = {
      session_key: entry.sessionKey ?? randomBytes(16).toString('base64'),
      openid: entry.openid,
    };
    if (entry.unionid) out.unionid = entry.unionid;
    reply.json(out);
  }

  private stableToken(method: string | undefined, body: unknown, reply: Reply): void {
    if (method !== 'POST') return reply.error(43002, 'require POST method');
    if (!isObject(body)) return reply.error(47001, 'data format error');
    if (body.grant_type !== 'client_credential') return reply.error(40002, 'invalid grant_type');
    if (body.appid !== this.appId) return reply.error(40013, 'invalid appid');
    if (body.secret !== this.appSecret) return reply.error(40125, 'invalid appsecret');
    const now = Date.now();
    const current = this.currentToken ? this.tokens.get(this.currentToken) : undefined;
    const currentValid = !!current && !current.revoked && current.expiresAt > now;
    const unchanged = () => reply.json({ access_token: this.currentToken, expires_in: Math.floor((current!.expiresAt - now) / 1000) });

    if (body.force_refresh === true) {
      // Forced refreshes closer together than the minimum interval do not refresh.
      if (currentValid && now - this.lastForceRefreshAt < this.forceRefreshMinIntervalMs) return unchanged();
      this.lastForceRefreshAt = now;
      if (current) current.revoked = true;
      return this.issueToken(now, reply);
    }
    // Normal mode: the current token while it has more than five minutes left; otherwise a new one
    // (a token in its last five minutes stays valid until it expires).
    if (currentValid && current!.expiresAt - now > 300_000) return unchanged();
    this.issueToken(now, reply);
  }

  private issueToken(now: number, reply: Reply): void {
    const token = `FAKE_${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { expiresAt: now + this.tokenTtlSeconds * 1000, revoked: false });
    this.currentToken = token;
    reply.json({ access_token: token, expires_in: this.tokenTtlSeconds });
  }

  private withToken(method: string | undefined, q: URLSearchParams, reply: Reply, next: () => void): void {
    if (method !== 'POST') return reply.error(43002, 'require POST method');
    const token = q.get('access_token');
    if (!token) return reply.error(41001, 'access_token missing');
    const state = this.tokens.get(token);
    if (!state || state.revoked) {
      return reply.error(40001, 'invalid credential, access_token is invalid or not latest');
    }
    if (state.expiresAt <= Date.now()) return reply.error(42001, 'access_token expired');
    const rejection = take(this.tokenRejections, undefined);
    if (rejection) {
      return rejection.errcode === 40001
        ? reply.error(40001, 'invalid credential, access_token is invalid or not latest')
        : reply.error(42001, 'access_token expired');
    }
    next();
  }

  private getwxacodeunlimit(body: unknown, reply: Reply): void {
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
      if (body.check_path !== false && !this.publishedPages.has(page)) return reply.error(41030, 'invalid page');
    }
    this.qrCodes.push(body);
    reply.raw(200, this.qrContentType, WechatFakeServer.PNG);
  }

  private msgSecCheck(body: unknown, reply: Reply): void {
    if (!isObject(body)) return reply.error(47001, 'data format error');
    const content = body.content;
    if (body.version !== 2) {
      // Version 1.0 (no `version`): errcode 87014 for risky content, nothing else.
      if (typeof content !== 'string' || content.length === 0) return reply.error(44002, 'empty post data');
      const hit = [...this.riskyWords.keys()].some((w) => content.includes(w));
      return hit ? reply.error(87014, 'risky content') : reply.json({ errcode: 0, errmsg: 'ok' });
    }
    const openid = body.openid;
    if (typeof openid !== 'string' || openid.length === 0) return reply.error(40003, 'invalid openid');
    // 61010: the user has not opened the mini-program in the last two hours (errmsg text not verified).
    if (this.staleOpenids.has(openid)) return reply.error(61010, 'user access record expired');
    const scene = body.scene;
    if (scene !== 1 && scene !== 2 && scene !== 3 && scene !== 4) return reply.error(40129, 'invalid scene');
    if (typeof content !== 'string' || content.length === 0) return reply.error(44002, 'empty post data');

    const text = [body.title, body.nickname, body.signature, content].filter((x) => typeof x === 'string').join('\n');
    const risky = [...this.riskyWords].find(([w]) => text.includes(w));
    const review = risky ? undefined : [...this.reviewWords].find(([w]) => text.includes(w));
    const traceId = `${hex(4)}-${hex(4)}-${hex(4)}`;
    let result: { suggest: 'pass' | 'review' | 'risky'; label: number };
    const detail: MsgSecDetail[] = [];
    if (risky) {
      result = { suggest: 'risky', label: risky[1] };
      detail.push({ strategy: 'content_model', errcode: 0, suggest: 'risky', label: risky[1], prob: 90 });
      detail.push({ strategy: 'keyword', errcode: 0, suggest: 'risky', label: risky[1], level: 20, keyword: risky[0] });
    } else if (review) {
      result = { suggest: 'review', label: review[1] };
      detail.push({ strategy: 'content_model', errcode: 0, suggest: 'review', label: review[1], prob: 70 });
      detail.push({ strategy: 'keyword', errcode: 0 });
    } else {
      result = { suggest: 'pass', label: MsgSecLabel.Normal };
      detail.push({ strategy: 'content_model', errcode: 0, suggest: 'pass', label: MsgSecLabel.Normal, prob: 90 });
      detail.push({ strategy: 'keyword', errcode: 0 });
    }
    reply.json({ errcode: 0, errmsg: 'ok', detail, trace_id: traceId, result });
  }

  private subscribeSend(body: unknown, reply: Reply): void {
    if (!isObject(body)) return reply.error(47001, 'data format error');
    const touser = body.touser;
    if (typeof touser !== 'string' || touser.length === 0) return reply.error(40003, 'invalid openid');
    const templateId = body.template_id;
    if (typeof templateId !== 'string' || templateId.length === 0 || (this.templates.size > 0 && !this.templates.has(templateId))) {
      return reply.error(40037, 'invalid template_id');
    }
    const data = body.data;
    if (!isObject(data) || Object.keys(data).length === 0) return reply.error(47003, 'argument invalid! data invalid');
    for (const [key, v] of Object.entries(data)) {
      if (!isObject(v) || typeof v.value !== 'string' || v.value.length === 0) {
        return reply.error(47003, `argument invalid! data.${key}.value invalid`);
      }
    }
    if (this.unsubscribed.has(touser)) return reply.error(43101, 'user refuse to accept the msg');
    if (this.subscriptionMode === 'grants') {
      const key = `${touser}\u0000${templateId}`;
      const left = this.grants.get(key) ?? 0;
      if (left <= 0) return reply.error(43101, 'user refuse to accept the msg');
      this.grants.set(key, left - 1);
    }
    const msgid = this.nextMsgId++;
    this.sentMessages.push({
      touser,
      template_id: templateId,
      page: typeof body.page === 'string' ? body.page : undefined,
      data: data as Record<string, { value: string }>,
      miniprogram_state: typeof body.miniprogram_state === 'string' ? body.miniprogram_state : undefined,
      lang: typeof body.lang === 'string' ? body.lang : undefined,
      msgid,
    });
    reply.json({ errcode: 0, errmsg: 'ok', msgid });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }
}

/** Writes a response, optionally holding the body back after the headers went out. */
class Reply {
  constructor(
    private readonly res: ServerResponse,
    private readonly stallMs: number,
    private readonly timers: Set<NodeJS.Timeout>,
  ) {}

  json(payload: unknown): void {
    // WeChat's own content type for JSON answers.
    this.raw(200, 'application/json; encoding=utf-8', JSON.stringify(payload));
  }

  error(errcode: number, errmsg: string): void {
    this.json({ errcode, errmsg: `${errmsg}, rid: ${hex(4)}-${hex(4)}-${hex(4)}` });
  }

  raw(status: number, contentType: string, body: string | Buffer): void {
    const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const res = this.res;
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': contentType, 'content-length': String(buf.length) });
    if (this.stallMs <= 0) {
      res.end(buf);
      return;
    }
    res.flushHeaders();
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!res.destroyed) res.end(buf);
    }, this.stallMs);
    this.timers.add(t);
  }
}

function take<T extends Armed>(queue: T[], path: string | undefined): T | undefined {
  const i = queue.findIndex((a) => a.remaining > 0 && (a.path === undefined || a.path === path));
  if (i < 0) return undefined;
  const armed = queue[i];
  armed.remaining -= 1;
  if (armed.remaining === 0) queue.splice(i, 1);
  return armed;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

// ---- a minimal PNG encoder (grey checkerboard), so the image is real -------------------------

let pngCache: Buffer | undefined;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([len, typeAndData, crc]);
}

function makePng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < width; x++) rows.push((x + y) % 2 === 0 ? 0x00 : 0xff);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
