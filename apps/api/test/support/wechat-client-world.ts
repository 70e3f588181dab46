/**
 * What the WechatClient specs share: the WeChat fake started once per file and reset before each
 * test, a fresh client on it, its config, and helpers for rejected calls and a second "process".
 */
import { request as httpRequest } from 'node:http';
import { WechatClient, type WechatClientConfig } from '../../src/platform/wechat/wechat.client';
import { WechatApiError } from '../../src/platform/wechat/wechat.errors';
import { WechatFakeServer } from '../fakes/wechat-fake-server';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface WechatClientWorld {
  fake: WechatFakeServer;
  /** Where the fake listens (set once it has started). */
  readonly baseUrl: string;
  /** The client made before each test with the default config. */
  readonly client: WechatClient;
  config: (over?: Partial<WechatClientConfig>) => WechatClientConfig;
  /** Awaits a rejection and returns it as a WechatApiError (fails the test otherwise). */
  caught: (p: Promise<unknown>) => Promise<WechatApiError>;
}

/** Registers the hooks of the enclosing describe: the fake starts, resets, stops. */
export function useWechatClientWorld(): WechatClientWorld {
  const fake = new WechatFakeServer();
  let baseUrl: string;
  let client: WechatClient;

  const config = (over: Partial<WechatClientConfig> = {}): WechatClientConfig => ({
    appId: fake.appId,
    appSecret: fake.appSecret,
    apiBaseUrl: baseUrl,
    timeoutMs: 2000,
    ...over,
  });

  /** Awaits a rejection and returns it as a WechatApiError (fails the test otherwise). */
  async function caught(p: Promise<unknown>): Promise<WechatApiError> {
    let error: unknown;
    try {
      await p;
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WechatApiError);
    return error as WechatApiError;
  }

  beforeAll(async () => {
    baseUrl = await fake.start();
  });

  afterAll(async () => {
    await fake.stop();
  });

  beforeEach(() => {
    fake.reset();
    client = new WechatClient(config());
  });

  return {
    fake,
    get baseUrl() {
      return baseUrl;
    },
    get client() {
      return client;
    },
    config,
    caught,
  };
}

/** A second "process" talking to the fake directly. */
export function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
