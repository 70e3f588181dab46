/**
 * What the browser end-to-end test needs around it: the API started from its build on a fresh
 * SQLite DATA_DIR (seeded with the demo city), Chromium through playwright-core, screenshots,
 * and the 长辈版 checks (tap targets, text sizes) run inside the page.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const APP_DIR = resolve(__dirname, '..', '..');
export const REPO_ROOT = resolve(APP_DIR, '..', '..');
export const API_MAIN = join(REPO_ROOT, 'apps', 'api', 'dist', 'main.js');
export const API_SEED = join(REPO_ROOT, 'apps', 'api', 'dist', 'seed', 'seed.cli.js');
export const H5_DIR = join(APP_DIR, 'dist', 'h5');
export const SHOTS_DIR = join(APP_DIR, 'test', 'e2e', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const DEMO_PASSWORD = 'Demo@2026';

/** Fails with a message that says what to build, instead of a timeout later. */
export function assertBuilt(): void {
  const missing: string[] = [];
  if (!existsSync(API_MAIN)) missing.push(`${API_MAIN} (build the API: cd ${REPO_ROOT} && npx nx run @sbd/api:build)`);
  if (!existsSync(API_SEED)) missing.push(`${API_SEED} (part of the API build)`);
  if (!existsSync(join(H5_DIR, 'index.html')))
    missing.push(`${join(H5_DIR, 'index.html')} (build the H5 app: cd ${APP_DIR} && npm run build:h5)`);
  if (!existsSync(CHROMIUM)) missing.push(`${CHROMIUM} (install Chromium or set CHROMIUM_PATH)`);
  if (missing.length) throw new Error(`e2e prerequisites missing:\n  ${missing.join('\n  ')}`);
}

/** The port of the API's "API listening on …" line (main.ts), once it has written it. */
export function listeningPort(stdout: string): number | null {
  const m = /"msg":"API listening on [^"]*:(\d+)\/?"/.exec(stdout);
  return m ? Number(m[1]) : null;
}

export interface RunningApi {
  baseUrl: string;
  dataDir: string;
  sqlitePath: string;
  process: ChildProcess;
  /** stdout + stderr so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
}

/** The API's environment: SQLite in a fresh temp DATA_DIR, development mode, this H5 build. */
function apiEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'SQLITE_PATH', 'JWT_SECRET', 'FIELD_ENCRYPTION_KEY', 'PUBLIC_BASE_URL', 'WORKER_ID'])
    delete env[k];
  return {
    ...env,
    NODE_ENV: 'development',
    // The kernel picks the port and the API logs it: a port probed free here could be taken by
    // another connection before the API binds it.
    PORT: '0',
    DATA_DIR: dataDir,
    H5_DIR,
    LOG_LEVEL: 'warn',
    // Nothing routes traffic here: a stopped test API need not hold its drain window (10 s in development).
    SHUTDOWN_DRAIN_MS: '0',
    // Content checks and logins never reach WeChat: residents here have no openid.
    WECHAT_API_BASE_URL: 'http://127.0.0.1:9',
  };
}

/** One GET without keep-alive (a pooled socket would keep Jest from exiting). */
function ready(url: string): Promise<boolean> {
  return new Promise((res) => {
    const req = get(url, { agent: false, timeout: 2000 }, (r) => {
      r.resume();
      res(r.statusCode === 200);
    });
    req.on('error', () => res(false));
    req.on('timeout', () => {
      req.destroy();
      res(false);
    });
  });
}

export async function startApi(): Promise<RunningApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sbd-miniapp-e2e-'));
  const env = apiEnv(dataDir);

  const seed = spawnSync(process.execPath, [API_SEED], { env, encoding: 'utf8', timeout: 120_000 });
  if (seed.status !== 0) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`seeding failed (exit ${seed.status}):\n${seed.stdout}\n${seed.stderr}`);
  }

  let out = '';
  const child = spawn(process.execPath, [API_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));

  let baseUrl = '';
  const stop = async () => {
    if (exited === null && child.exitCode === null) {
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const gone = await Promise.race([
        new Promise<boolean>((r) => child.once('exit', () => r(true))),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 8000))),
      ]);
      clearTimeout(timer);
      if (!gone) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`the API exited (${exited}) before it was ready:\n${out}`);
    }
    const port = listeningPort(out);
    if (port !== null && (await ready(`http://127.0.0.1:${port}/health/ready`))) {
      baseUrl = `http://127.0.0.1:${port}`;
      break;
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the API was not ready within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    dataDir,
    sqlitePath: join(dataDir, 'shuangbaodao.sqlite'),
    process: child,
    output: () => out,
    stop,
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
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

/** One person's phone: 375×812, Chinese, Shanghai time, their own storage. */
export async function phone(browser: Browser, opts: { elderly?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  if (opts.elderly) {
    // Taro H5 storage keeps { data } around each value.
    await context.addInitScript(() =>
      localStorage.setItem('sbd.elderly', JSON.stringify({ data: JSON.stringify({ enabled: true }) })),
    );
  }
  return context;
}

let shotNo = 0;

/** Screenshots taken so far; the loop specs carry the count from one file to the next. */
export function shotCount(): number {
  return shotNo;
}

export function setShotCount(n: number): void {
  shotNo = n;
}

/**
 * A PNG of what the phone shows. `full` grows the viewport to the page's height first (Taro H5
 * scrolls inside its own container, so Playwright's fullPage would not see the rest).
 */
export async function shot(page: Page, name: string, opts: { full?: boolean } = {}): Promise<string> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  shotNo += 1;
  const file = join(SHOTS_DIR, `${String(shotNo).padStart(2, '0')}-${name}.png`);
  await page.waitForTimeout(350); // toasts and transitions settle
  if (opts.full) {
    const size = page.viewportSize() ?? { width: 375, height: 812 };
    // Taro H5 keeps earlier pages of the stack in the DOM: measure the one on screen, from its top.
    const height = await page.evaluate(() => {
      const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter(
        (el) => getComputedStyle(el).display !== 'none',
      );
      const current = shown[shown.length - 1];
      if (current) current.scrollTop = 0;
      const el = current?.querySelector('.sbd-page');
      return Math.ceil(el ? el.getBoundingClientRect().height : document.body.scrollHeight);
    });
    await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.min(height, 6000)) });
    await page.waitForTimeout(200);
    await page.screenshot({ path: file });
    await page.setViewportSize(size);
  } else {
    await page.screenshot({ path: file });
  }
  return file;
}

/** Logs in through the H5 login page and waits for the home page. */
export async function login(page: Page, baseUrl: string, phoneNo: string): Promise<void> {
  await page.goto(`${baseUrl}/pages/login/index`);
  await page.getByLabel('手机号').fill(phoneNo);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByText(/^您好，/).waitFor();
}

/** The app's confirm dialog (H5: platform/overlays): press its confirm button, the last one. */
export async function confirmModal(page: Page): Promise<void> {
  const btn = page.getByRole('alertdialog').getByRole('button').last();
  await btn.waitFor();
  await btn.click();
}

/**
 * 长辈版 rules checked in the page: tap targets ≥ 60 px (44 elsewhere), text ≥ 18 px in 长辈版,
 * nothing wider than the 375-px screen. Answers the problems found.
 */
export async function accessibilityProblems(page: Page, elderly: boolean): Promise<string[]> {
  return page.evaluate((elder) => {
    const minTap = elder ? 60 : 44;
    const out: string[] = [];
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter(
      (el) => getComputedStyle(el).display !== 'none',
    );
    const root = shown[shown.length - 1]?.querySelector('.sbd-page') ?? document.querySelector('.sbd-page');
    if (!root) return ['no .sbd-page on screen'];
    const controls = root.querySelectorAll(
      '[role=button],[role=switch],[role=checkbox],[role=radio],[role=link],input,textarea',
    );
    for (const el of Array.from(controls)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.height < minTap - 0.5 || r.width < minTap - 0.5) {
        out.push(
          `tap target ${Math.round(r.width)}×${Math.round(r.height)} < ${minTap}: ${(el.getAttribute('aria-label') || el.textContent || el.tagName).slice(0, 30)}`,
        );
      }
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const parent = n.parentElement;
      if (!text || !parent) continue;
      const style = getComputedStyle(parent);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      if (elder && parseFloat(style.fontSize) < 18 - 0.01)
        out.push(`text ${style.fontSize} < 18px: ${text.slice(0, 30)}`);
      const r = parent.getBoundingClientRect();
      if (r.width > 0 && r.right > window.innerWidth + 1)
        out.push(`overflows the screen (${Math.round(r.right)} px): ${text.slice(0, 30)}`);
    }
    return out;
  }, elderly);
}

/** A small PNG (a red square with a white bar) for the photo upload. */
export function samplePng(size = 96): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const bar = y > size * 0.4 && y < size * 0.6 && x > size * 0.2 && x < size * 0.8;
      row[1 + x * 3] = bar ? 255 : 200;
      row[2 + x * 3] = bar ? 255 : 22;
      row[3 + x * 3] = bar ? 255 : 29;
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** SQLite's date text as the API writes it ('YYYY-MM-DD HH:MM:SS.mmm', UTC). */
export function toDbDate(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

export function fromDbDate(s: string): Date {
  return new Date(`${s.replace(' ', 'T')}Z`);
}
