#!/usr/bin/env node
/* global document, window, localStorage, performance, MutationObserver -- used inside page scripts (browser side) */
/**
 * H5 first-screen benchmark: how long until the demo member sees the task feed (任务大厅).
 *
 * Against a running API that serves the H5 build (its own origin), the member logs in once through
 * POST /api/auth/login; each run then opens /pages/tasks/index in a fresh browser
 * context (cold cache) with that session in storage, as a returning user opening the feed, and
 * once more in the same context (warm cache). In the page, performance.now() is recorded when the
 * first feed item enters the DOM (a MutationObserver installed before any script runs), next to
 * the navigation timing, first contentful paint and the bytes transferred.
 *
 *   node scripts/bench-first-screen.mjs [baseUrl]          (or env BENCH_H5_URL; default http://127.0.0.1:3000)
 *   env: BENCH_RUNS (5), BENCH_PHONE (13800000006), BENCH_PASSWORD (Demo@2026),
 *        BENCH_CPU_THROTTLE (1 = none; 4 ≈ a mid-range phone), CHROMIUM_PATH (/usr/bin/chromium)
 *
 * Prints one JSON object on stdout (medians, min, max and samples in ms); progress goes to stderr.
 * Exits 1 when the feed never shows. Importable: `import { benchFirstScreen } from '…'`.
 */
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const FEED_PATH = '/pages/tasks/index';
const ITEM = '.task-item';
/** Shown instead of items when the feed is empty: still "the feed is visible". */
const EMPTY_TEXT = '暂时没有可报名的任务';

function stats(samples) {
  const xs = samples.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!xs.length) return null;
  const mid = Math.floor(xs.length / 2);
  const median = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
  const round = (x) => Math.round(x * 10) / 10;
  return { median: round(median), min: round(xs[0]), max: round(xs[xs.length - 1]), samples: xs.map(round) };
}

async function loginSession(baseUrl, phone, password) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ phone, password }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`login as ${phone} failed (${res.status}): ${body.message ?? ''}`);
  const now = Date.now();
  // What src/platform/session.ts stores (Taro H5 storage wraps each value in { data }).
  return {
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
    accessExpiresAt: now + body.expiresIn * 1000,
    refreshExpiresAt: now + body.refreshExpiresIn * 1000,
    user: body.user,
    activeRole: null,
  };
}

/** Runs in the page before any of its scripts: note when the feed first shows. */
function probe([itemSelector, emptyText]) {
  window.__feed = { at: null, items: 0 };
  const check = () => {
    if (window.__feed.at !== null) return true;
    const items = document.querySelectorAll(itemSelector).length;
    const empty = !items && document.body && document.body.textContent.includes(emptyText);
    if (items || empty) {
      window.__feed = { at: performance.now(), items };
      return true;
    }
    return false;
  };
  const obs = new MutationObserver(() => {
    if (check()) obs.disconnect();
  });
  obs.observe(document, { childList: true, subtree: true, characterData: true });
}

async function measure(page, url) {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__feed && window.__feed.at !== null, null, { timeout: 30_000, polling: 50 });
  await page.waitForLoadState('load');
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const resources = performance.getEntriesByType('resource');
    return {
      feedVisibleMs: window.__feed.at,
      items: window.__feed.items,
      ttfbMs: nav ? nav.responseStart : null,
      domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : null,
      loadMs: nav ? nav.loadEventEnd : null,
      firstContentfulPaintMs: fcp ? fcp.startTime : null,
      transferredBytes: resources.reduce((s, r) => s + (r.transferSize || 0), nav ? nav.transferSize || 0 : 0),
      requests: resources.length + 1,
    };
  });
}

export async function benchFirstScreen(opts = {}) {
  const baseUrl = (opts.baseUrl ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  const runs = Math.max(1, Number(opts.runs ?? 5));
  const phone = opts.phone ?? '13800000006';
  const password = opts.password ?? 'Demo@2026';
  const cpuThrottle = Math.max(1, Number(opts.cpuThrottle ?? 1));
  const log = opts.log ?? (() => undefined);

  const session = await loginSession(baseUrl, phone, password);
  const browser = await chromium.launch({
    executablePath: opts.chromiumPath ?? '/usr/bin/chromium',
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
  const cold = [];
  const warm = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({
        viewport: { width: 375, height: 812 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      await context.addInitScript(
        (s) => localStorage.setItem('sbd.session', JSON.stringify({ data: JSON.stringify(s) })),
        session,
      );
      await context.addInitScript(probe, [ITEM, EMPTY_TEXT]);
      const page = await context.newPage();
      if (cpuThrottle > 1) {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });
      }
      cold.push(await measure(page, `${baseUrl}${FEED_PATH}`));
      warm.push(await measure(page, `${baseUrl}${FEED_PATH}`));
      log(
        `run ${i + 1}/${runs}: cold ${Math.round(cold[i].feedVisibleMs)} ms, warm ${Math.round(warm[i].feedVisibleMs)} ms, ${cold[i].items} item(s)`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const summarise = (rs) => ({
    feedVisibleMs: stats(rs.map((r) => r.feedVisibleMs)),
    firstContentfulPaintMs: stats(rs.map((r) => r.firstContentfulPaintMs)),
    domContentLoadedMs: stats(rs.map((r) => r.domContentLoadedMs)),
    ttfbMs: stats(rs.map((r) => r.ttfbMs)),
    loadMs: stats(rs.map((r) => r.loadMs)),
    transferredBytes: stats(rs.map((r) => r.transferredBytes)),
    requests: stats(rs.map((r) => r.requests)),
  });
  return {
    metric: 'h5 first screen: task feed visible for the demo member',
    url: `${baseUrl}${FEED_PATH}`,
    runs,
    viewport: '375x812@2x',
    cpuThrottle,
    feedItems: cold[0]?.items ?? 0,
    cold: summarise(cold),
    warm: summarise(warm),
    measuredAt: new Date().toISOString(),
  };
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const baseUrl = process.argv[2] || process.env.BENCH_H5_URL || 'http://127.0.0.1:3000';
  benchFirstScreen({
    baseUrl,
    runs: process.env.BENCH_RUNS ?? 5,
    phone: process.env.BENCH_PHONE,
    password: process.env.BENCH_PASSWORD,
    cpuThrottle: process.env.BENCH_CPU_THROTTLE ?? 1,
    chromiumPath: process.env.CHROMIUM_PATH,
    log: (m) => process.stderr.write(`${m}\n`),
  })
    .then((result) => {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    })
    .catch((err) => {
      process.stderr.write(`bench-first-screen: ${err.message}\n`);
      process.exit(1);
    });
}
