/**
 * The API started from its build on a fresh SQLite DATA_DIR seeded with the demo city, serving
 * this console build under /console; and Chromium through playwright-core.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');
const API_DIST = join(REPO_ROOT, 'apps', 'api', 'dist');
export const CONSOLE_DIR = resolve(__dirname, '..', '..', 'dist');
export const SHOTS_DIR = resolve(__dirname, 'screenshots');
export const DEMO_PASSWORD = 'Demo@2026';

/** The port of the API's "API listening on …" line (main.ts), once it has written it. */
function listeningPort(stdout: string): number | null {
  const m = /"msg":"API listening on [^"]*:(\d+)\/?"/.exec(stdout);
  return m ? Number(m[1]) : null;
}

export interface ConsoleApi {
  baseUrl: string;
  /** The API's SQLite file, for the few steps a test moves in time. */
  sqlitePath: string;
  stop: () => Promise<void>;
}

export async function startConsoleApi(): Promise<ConsoleApi> {
  for (const f of [join(API_DIST, 'main.js'), join(CONSOLE_DIR, 'index.html')])
    if (!existsSync(f)) throw new Error(`missing ${f}: build the API and the console first (npx nx run-many -t build)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'sbd-console-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'SQLITE_PATH', 'JWT_SECRET', 'FIELD_ENCRYPTION_KEY', 'PUBLIC_BASE_URL'])
    delete env[k];
  Object.assign(env, {
    NODE_ENV: 'development',
    // The kernel picks the port and the API logs it: a port probed free here could be taken by
    // another connection before the API binds it.
    PORT: '0',
    DATA_DIR: dataDir,
    CONSOLE_DIR,
    LOG_LEVEL: 'warn',
    // Nothing routes traffic here: a stopped test API need not hold its drain window (10 s in development).
    SHUTDOWN_DRAIN_MS: '0',
    WECHAT_API_BASE_URL: 'http://127.0.0.1:9',
  });
  const seed = spawnSync(process.execPath, [join(API_DIST, 'seed', 'seed.cli.js')], { env, encoding: 'utf8' });
  if (seed.status !== 0) throw new Error(`seeding failed:\n${seed.stdout}\n${seed.stderr}`);
  const child = spawn(process.execPath, [join(API_DIST, 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (const deadline = Date.now() + 60_000; ;) {
    const port = listeningPort(out);
    const baseUrl = `http://127.0.0.1:${port}`;
    const ok =
      port !== null &&
      (await fetch(`${baseUrl}/health/ready`).then(
        (r) => r.ok,
        () => false,
      ));
    if (ok) return { baseUrl, sqlitePath: join(dataDir, 'shuangbaodao.sqlite'), stop };
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the API did not start:\n${err}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * How many elements `locator` matches once the page has caught up: polls until it matches
 * `expected` or `timeoutMs` passes, and returns the last count for the caller to assert. A toast
 * can show before the list behind it has reloaded, so a bare `count()` after an action races it.
 */
export async function settledCount(locator: Locator, expected: number, timeoutMs = 10_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  let n = await locator.count();
  while (n !== expected && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    n = await locator.count();
  }
  return n;
}

/** What a Chromium spec of the console works with, ready from its beforeAll on. */
export interface ConsoleSession {
  api: ConsoleApi;
  page: Page;
  /** Page errors and console errors seen so far: a spec ends expecting none. */
  errors: string[];
  /** Signs in on the console's own login form with the demo password. */
  signIn: (phone: string) => Promise<void>;
  /** POST to the API as JSON (with a bearer token when given); throws unless 2xx. */
  post: (path: string, body: unknown, token?: string) => Promise<Record<string, unknown>>;
}

/**
 * Starts the API and Chromium for the enclosing describe (stopped after it), opens a 1366×800
 * zh-CN page that records errors, then runs `prepare` (e.g. data through the API).
 */
export function consoleInChromium(prepare?: (s: ConsoleSession) => Promise<void>): ConsoleSession {
  let browser: Browser | undefined;
  const s = { errors: [] as string[] } as ConsoleSession;
  s.post = async (path, body, token) => {
    const res = await fetch(`${s.api.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  s.signIn = async (phone) => {
    // Whoever was signed in is gone, even while their 退出登录 is still on its way to the API.
    await s.page.evaluate(() => sessionStorage.clear()).catch(() => undefined);
    await s.page.goto(`${s.api.baseUrl}/console`);
    await s.page.getByLabel('手机号').fill(phone);
    await s.page.getByLabel('密码').fill(DEMO_PASSWORD);
    await s.page.getByRole('button', { name: /登\s*录/ }).click();
  };
  beforeAll(async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    [s.api, browser] = await Promise.all([startConsoleApi(), launchBrowser()]);
    s.page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    s.page.on('pageerror', (e) => s.errors.push(e.message));
    s.page.on('console', (m) => m.type() === 'error' && s.errors.push(m.text()));
    await prepare?.(s);
  });
  afterAll(async () => {
    await browser?.close();
    await s.api?.stop();
  });
  return s;
}
