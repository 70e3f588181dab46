/**
 * A local stand-in for https://api.weixin.qq.com that speaks the documented protocol of the
 * endpoints the API uses. node:http only, no dependencies. Tests point `WechatClient` at
 * `await fake.start()` and steer failures with the knobs below. The protocol of each API area is
 * in ./wechat/ (login, token, wxacode, msg-sec-check, subscribe-send, phone-number); this file holds the state
 * the tests steer, the failure knobs, and the dispatch.
 *
 * Protocol notes (from WeChat's official docs and developers' reports):
 * - Errors come back as HTTP 200 with `{errcode, errmsg}`; errmsg ends with `, rid: <id>`
 *   (older responses used `hint: [...]`). Success bodies of code2Session and stable_token carry
 *   no errcode at all; msg_sec_check and subscribe/send answer `errcode: 0, errmsg: 'ok'`.
 * - getwxacodeunlimit answers the raw image on success and JSON (`application/json;
 *   encoding=utf-8`) on failure. Developers report `Content-Type: image/jpeg` for successes;
 *   this fake sends a real PNG with `image/png` unless `qrContentType` says otherwise: a plain QR
 *   of `<page>?scene=<encoded scene>`, what scanning the real round code delivers.
 * - stable_token: normal mode returns the current token while it is valid (a new one in its last
 *   5 minutes, the old one staying valid until it expires); force_refresh=true invalidates the
 *   previous token and issues a new one (documented limit: 20 a day, ≥ 30 s apart, otherwise
 *   "it does not refresh" — see `forceRefreshMinIntervalMs`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jscode2session } from './wechat/login';
import { msgSecCheck } from './wechat/msg-sec-check';
import { getUserPhoneNumber, type FakePhone } from './wechat/phone-number';
import { fakePng } from './wechat/png';
import { readBody, Reply, take, type Armed, type RecordedRequest } from './wechat/protocol';
import { subscribeSend, type SentSubscribeMessage } from './wechat/subscribe-send';
import { stableToken, withToken, type TokenState } from './wechat/token';
import { getwxacodeunlimit, wxacodeImage } from './wechat/wxacode';

export { MsgSecLabel, type MsgSecDetail } from './wechat/msg-sec-check';
export { wxacodeContent } from './wechat/wxacode';
export type { RecordedRequest } from './wechat/protocol';
export type { SentSubscribeMessage } from './wechat/subscribe-send';
export type { FakePhone } from './wechat/phone-number';

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

  // ---- getuserphonenumber ----------------------------------------------------------------------
  /** getPhoneNumber button codes → the number each stands for; each can be exchanged once. */
  readonly phoneCodes = new Map<string, FakePhone>();
  readonly usedPhoneCodes = new Set<string>();
  /** The watermark's appid (another app's code); null: the fake's own appId. */
  phoneWatermarkAppId: string | null = null;

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

  // ---- protocol state (read and written by ./wechat/*) ----------------------------------------
  readonly tokens = new Map<string, TokenState>();
  currentToken: string | null = null;
  lastForceRefreshAt = -Infinity;
  readonly usedCodes = new Set<string>();
  readonly grants = new Map<string, number>();
  nextMsgId = 1_000_000_001;
  private busy: Armed[] = [];
  private rateLimited: Armed[] = [];
  private httpFailures: Array<Armed & { status: number }> = [];
  private delays: Array<Armed & { ms: number }> = [];
  private stalls: Array<Armed & { ms: number }> = [];
  tokenRejections: Array<Armed & { errcode: 40001 | 42001 }> = [];
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
    this.phoneCodes.clear();
    this.usedPhoneCodes.clear();
    this.phoneWatermarkAppId = null;
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

  /** A minimal valid PNG (8×8 checkerboard), e.g. for uploads. */
  static get PNG(): Buffer {
    return fakePng();
  }

  /** The image served as the mini-program code of `scene` (a QR of `wxacodeContent`; see ./wechat/wxacode). */
  static wxacode(scene: string, page?: string, width?: number): Buffer {
    return wxacodeImage(scene, page, width);
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
        return jscode2session(this, req.method, url.searchParams, reply);
      case '/cgi-bin/stable_token':
        return stableToken(this, req.method, body, reply);
      case '/wxa/getwxacodeunlimit':
        return withToken(this, req.method, url.searchParams, reply, () => getwxacodeunlimit(this, body, reply));
      case '/wxa/msg_sec_check':
        return withToken(this, req.method, url.searchParams, reply, () => msgSecCheck(this, body, reply));
      case '/wxa/business/getuserphonenumber':
        return withToken(this, req.method, url.searchParams, reply, () => getUserPhoneNumber(this, body, reply));
      case '/cgi-bin/message/subscribe/send':
        return withToken(this, req.method, url.searchParams, reply, () => subscribeSend(this, body, reply));
      default:
        // WeChat answers unknown paths with a JSON error as well.
        return reply.error(48001, 'api unauthorized');
    }
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
