import { WECHAT_UNREACHABLE, WechatApiError, WechatErrcode } from './wechat.errors';

export interface WechatClientConfig {
  appId: string;
  appSecret: string;
  apiBaseUrl: string;
  timeoutMs: number;
}

export interface Code2SessionResult {
  openid: string;
  unionid: string | null;
  /** Stays on the server: never returned to a client. */
  sessionKey: string;
}

export interface UnlimitedQrCodeOptions {
  /** ≤ 32 visible characters. */
  scene: string;
  page?: string;
  width?: number;
  checkPath?: boolean;
  envVersion?: 'release' | 'trial' | 'develop';
}

/** phone_info of getuserphonenumber. */
export interface WechatPhoneInfo {
  /** With the country code for numbers outside the mainland, e.g. "13800138000" or "+85212345678". */
  phoneNumber: string;
  /** Without the country code. */
  purePhoneNumber: string;
  countryCode: string;
  watermark: { appid: string; timestamp: number };
}

interface RawResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

interface WechatJson {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

/**
 * HTTP client for WeChat's server API. The base URL comes from config, so tests point it at a
 * local fake that speaks the documented protocol. Access tokens come from `stable_token`, which
 * is safe with several API processes (no process invalidates another's token).
 */
export class WechatClient {
  private token: { value: string; expiresAt: number } | null = null;
  /** stable_token calls under way, shared by concurrent callers (one per mode). */
  private readonly tokenFetches = new Map<boolean, Promise<string>>();

  constructor(
    private readonly cfg: WechatClientConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** auth.code2Session: exchanges a wx.login code for the user's openid. */
  async code2Session(code: string): Promise<Code2SessionResult> {
    const qs = new URLSearchParams({
      appid: this.cfg.appId,
      secret: this.cfg.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    const json = await this.withBusyRetry('jscode2session', () =>
      this.getJson(`/sns/jscode2session?${qs}`, 'jscode2session'),
    );
    if (typeof json.openid !== 'string' || typeof json.session_key !== 'string') {
      throw new WechatApiError(WECHAT_UNREACHABLE, 'malformed jscode2session response', 'jscode2session');
    }
    return {
      openid: json.openid,
      unionid: typeof json.unionid === 'string' ? json.unionid : null,
      sessionKey: json.session_key,
    };
  }

  /**
   * getStableAccessToken, cached until five minutes before it expires. `forceRefresh` invalidates
   * the token every other process holds (and WeChat allows it 20 times a day, 30 s apart): only
   * for a token WeChat rejects although stable_token still hands it out.
   */
  async accessToken(forceRefresh = false): Promise<string> {
    if (!forceRefresh && this.token && this.token.expiresAt > this.now()) return this.token.value;
    return this.fetchToken(forceRefresh);
  }

  private fetchToken(forceRefresh: boolean): Promise<string> {
    let pending = this.tokenFetches.get(forceRefresh);
    if (!pending) {
      pending = this.requestToken(forceRefresh).finally(() => this.tokenFetches.delete(forceRefresh));
      this.tokenFetches.set(forceRefresh, pending);
    }
    return pending;
  }

  private async requestToken(forceRefresh: boolean): Promise<string> {
    const json = await this.withBusyRetry('stable_token', () =>
      this.postJson('/cgi-bin/stable_token', 'stable_token', {
        grant_type: 'client_credential',
        appid: this.cfg.appId,
        secret: this.cfg.appSecret,
        force_refresh: forceRefresh,
      }),
    );
    if (typeof json.access_token !== 'string') {
      throw new WechatApiError(WECHAT_UNREACHABLE, 'malformed stable_token response', 'stable_token');
    }
    const ttl = typeof json.expires_in === 'number' ? json.expires_in : 7200;
    this.token = { value: json.access_token, expiresAt: this.now() + Math.max(60, ttl - 300) * 1000 };
    return json.access_token;
  }

  /** wxacode.getUnlimited: the mini-program code image (PNG) for a scene. */
  async getUnlimitedQrCode(opts: UnlimitedQrCodeOptions): Promise<Buffer> {
    return this.withToken('getwxacodeunlimit', async (token) => {
      const res = await this.request(
        `/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`,
        'getwxacodeunlimit',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            scene: opts.scene,
            page: opts.page,
            width: opts.width ?? 430,
            check_path: opts.checkPath ?? false,
            env_version: opts.envVersion ?? 'release',
          }),
        },
      );
      // Success is the raw image (reportedly sent as image/jpeg); failure is JSON.
      if (res.contentType.includes('application/json') || res.body.subarray(0, 1).toString() === '{') {
        this.check(this.parse(res, 'getwxacodeunlimit'), 'getwxacodeunlimit');
        throw new WechatApiError(WECHAT_UNREACHABLE, 'expected an image', 'getwxacodeunlimit');
      }
      return res.body;
    });
  }

  /** security.msgSecCheck (v2): 'pass' | 'review' | 'risky' for a user's text. */
  async msgSecCheck(input: { content: string; openid: string; scene: 1 | 2 | 3 | 4; title?: string }): Promise<{
    suggest: 'pass' | 'review' | 'risky';
    label: number;
  }> {
    return this.withToken('msg_sec_check', async (token) => {
      const json = await this.postJson(
        `/wxa/msg_sec_check?access_token=${encodeURIComponent(token)}`,
        'msg_sec_check',
        {
          version: 2,
          openid: input.openid,
          scene: input.scene,
          content: input.content,
          title: input.title,
        },
      );
      const result = json.result as { suggest?: string; label?: number } | undefined;
      const suggest = result?.suggest;
      if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') {
        throw new WechatApiError(WECHAT_UNREACHABLE, 'malformed msg_sec_check response', 'msg_sec_check');
      }
      return { suggest, label: result?.label ?? 0 };
    });
  }

  /**
   * phonenumber.getPhoneNumber: the code from the mini-program's getPhoneNumber button (valid five
   * minutes, once) → the user's WeChat-verified phone number.
   */
  async getPhoneNumber(code: string): Promise<WechatPhoneInfo> {
    return this.withToken('getuserphonenumber', async (token) => {
      const json = await this.postJson(
        `/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`,
        'getuserphonenumber',
        { code },
      );
      const info = json.phone_info as Partial<WechatPhoneInfo> | undefined;
      if (
        typeof info?.purePhoneNumber !== 'string' ||
        typeof info.phoneNumber !== 'string' ||
        typeof info.countryCode !== 'string' ||
        typeof info.watermark?.appid !== 'string'
      ) {
        throw new WechatApiError(WECHAT_UNREACHABLE, 'malformed getuserphonenumber response', 'getuserphonenumber');
      }
      return {
        phoneNumber: info.phoneNumber,
        purePhoneNumber: info.purePhoneNumber,
        countryCode: info.countryCode,
        watermark: { appid: info.watermark.appid, timestamp: Number(info.watermark.timestamp) },
      };
    });
  }

  /** subscribeMessage.send. Throws WechatApiError 43101 when the user has not subscribed. */
  async sendSubscribeMessage(input: {
    touser: string;
    templateId: string;
    page?: string;
    data: Record<string, { value: string }>;
  }): Promise<void> {
    await this.withToken('subscribe_send', (token) =>
      this.postJson(`/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, 'subscribe_send', {
        touser: input.touser,
        template_id: input.templateId,
        page: input.page,
        data: input.data,
      }),
    );
  }

  private async withToken<T>(endpoint: string, call: (token: string) => Promise<T>): Promise<T> {
    return this.withBusyRetry(endpoint, async () => {
      const token = await this.accessToken();
      try {
        return await call(token);
      } catch (err) {
        if (
          err instanceof WechatApiError &&
          (err.errcode === WechatErrcode.InvalidCredential || err.errcode === WechatErrcode.AccessTokenExpired)
        ) {
          return call(await this.replaceToken(token));
        }
        throw err;
      }
    });
  }

  /**
   * A token WeChat rejected (40001/42001). Usually it expired, or another process force-refreshed:
   * normal mode then hands out the current token. Only if it hands back the rejected one do we
   * force a refresh, which invalidates the token for every other process.
   */
  private async replaceToken(rejected: string): Promise<string> {
    if (this.token && this.token.value !== rejected && this.token.expiresAt > this.now()) return this.token.value;
    const current = await this.fetchToken(false);
    return current !== rejected ? current : this.fetchToken(true);
  }

  /** WeChat documents -1 as "system busy, retry later": retry once after a short pause. */
  private async withBusyRetry<T>(endpoint: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof WechatApiError && err.errcode === WechatErrcode.SystemBusy) {
        await new Promise((r) => setTimeout(r, 200));
        return call();
      }
      throw err;
    }
  }

  private async getJson(path: string, endpoint: string): Promise<WechatJson> {
    const res = await this.request(path, endpoint, { method: 'GET' });
    return this.check(this.parse(res, endpoint), endpoint);
  }

  private async postJson(path: string, endpoint: string, body: unknown): Promise<WechatJson> {
    const res = await this.request(path, endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return this.check(this.parse(res, endpoint), endpoint);
  }

  private parse(res: RawResponse, endpoint: string): WechatJson {
    let json: unknown;
    try {
      json = JSON.parse(res.body.toString('utf8'));
    } catch {
      throw new WechatApiError(WECHAT_UNREACHABLE, `HTTP ${res.status}: not JSON`, endpoint);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new WechatApiError(WECHAT_UNREACHABLE, `HTTP ${res.status}: not a JSON object`, endpoint);
    }
    return json as WechatJson;
  }

  private check(json: WechatJson, endpoint: string): WechatJson {
    if (typeof json.errcode === 'number' && json.errcode !== 0) {
      throw new WechatApiError(json.errcode, String(json.errmsg ?? ''), endpoint);
    }
    return json;
  }

  /** One HTTP exchange, body included: the timeout covers reading the body as well. */
  private async request(path: string, endpoint: string, init: RequestInit): Promise<RawResponse> {
    try {
      const res = await fetch(`${this.cfg.apiBaseUrl}${path}`, {
        ...init,
        signal: AbortSignal.timeout(this.cfg.timeoutMs),
      });
      if (res.status >= 500) {
        await res.body?.cancel().catch(() => undefined);
        throw new WechatApiError(WECHAT_UNREACHABLE, `HTTP ${res.status}`, endpoint);
      }
      const body = Buffer.from(await res.arrayBuffer());
      return { status: res.status, contentType: res.headers.get('content-type') ?? '', body };
    } catch (err) {
      if (err instanceof WechatApiError) throw err;
      throw new WechatApiError(WECHAT_UNREACHABLE, (err as Error).message, endpoint);
    }
  }
}
