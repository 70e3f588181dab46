#!/usr/bin/env node
/* global document, localStorage, NodeFilter, getComputedStyle -- used inside page.evaluate / addInitScript (browser side) */
/**
 * Visual check of the H5 build at 375 px: serves dist/h5 on 127.0.0.1 (index.html fallback for
 * non-/api paths, like the API does) and saves PNGs to test/e2e/screenshots/ (git-ignored).
 * /api/* answers 503 unless a fixture applies (screenshots-fixtures.mjs), so pages show their error
 * states honestly.
 *
 *   node test/e2e/screenshots.mjs            (needs `npm run build:h5` and /usr/bin/chromium)
 */
import { createServer } from 'node:http';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { FAKE_SESSION, STAFF_SESSIONS } from './screenshots-fixtures.mjs';
import { serveH5 } from './screenshots-server.mjs';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const root = join(appDir, 'dist', 'h5');
const outDir = join(appDir, 'test', 'e2e', 'screenshots');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const shots = [
  { name: 'home', path: '/pages/index/index' },
  { name: 'home-elderly', path: '/pages/index/index', elderly: true },
  { name: 'login', path: '/pages/login/index' },
  { name: 'login-signup', path: '/pages/login/index', click: '注册' },
  { name: 'login-errors', path: '/pages/login/index', click: '登录' },
  { name: 'register-code', path: '/packageMember/pages/register/index' },
  // Taro H5 scrolls inside its page container, so long pages get a tall viewport instead of fullPage.
  { name: 'register-form', path: '/packageMember/pages/register/index?community=XF01', session: true, height: 2900 },
  {
    name: 'register-form-elderly',
    path: '/packageMember/pages/register/index?community=XF01',
    session: true,
    elderly: true,
    height: 3900,
  },
  { name: 'me-elderly', path: '/pages/me/index', elderly: true },
  { name: 'stats-community', path: '/packageStats/pages/dashboard/index', session: 'admin', height: 3600 },
  {
    name: 'stats-community-elderly',
    path: '/packageStats/pages/dashboard/index',
    session: 'admin',
    elderly: true,
    height: 5600,
  },
  {
    name: 'stats-custom',
    path: '/packageStats/pages/dashboard/index',
    session: 'admin',
    click: '自定义',
    role: 'radio',
  },
  { name: 'stats-unit', path: '/packageStats/pages/dashboard/index', session: 'unit', height: 2400 },
  { name: 'stats-records', path: '/packageStats/pages/records/index?unitId=9', session: 'unit', height: 1900 },
  {
    name: 'stats-records-elderly',
    path: '/packageStats/pages/records/index?unitId=9',
    session: 'unit',
    elderly: true,
    height: 3200,
  },
  {
    name: 'stats-report',
    path: '/packageStats/pages/report/index?unitId=9&userId=3&year=2026',
    session: 'unit',
    height: 2200,
  },
  { name: 'stats-roster', path: '/packageStats/pages/roster/index?unitId=9', session: 'unit' },
  { name: 'home-unit-admin', path: '/pages/index/index', session: 'unit' },
];

if (!existsSync(join(root, 'index.html'))) {
  console.error('dist/h5 is missing: run `npm run build:h5` first.');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const server = createServer(serveH5(root));
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath,
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
const errors = [];
try {
  for (const shot of shots) {
    const context = await browser.newContext({
      viewport: { width: 375, height: shot.height ?? 812 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    if (shot.elderly) {
      // Taro H5 storage keeps { data } around each value.
      await context.addInitScript(() =>
        localStorage.setItem('sbd.elderly', JSON.stringify({ data: JSON.stringify({ enabled: true }) })),
      );
    }
    if (shot.session) {
      const session = typeof shot.session === 'string' ? STAFF_SESSIONS[shot.session] : FAKE_SESSION;
      await context.addInitScript(
        (value) => localStorage.setItem('sbd.session', JSON.stringify({ data: JSON.stringify(value) })),
        session,
      );
    }
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`${shot.name}: ${e.message}`));
    await page.goto(`${base}${shot.path}`, { waitUntil: 'networkidle' });
    await page.waitForSelector('.sbd-page', { timeout: 10_000 });
    if (shot.click) {
      await page
        .getByRole(shot.role ?? 'button', { name: shot.click, exact: true })
        .first()
        .click();
      await page.waitForTimeout(400);
    }
    await page.waitForTimeout(300);
    // Tap targets ≥ 44 px (≥ 60 px in 长辈版); text ≥ 18 px in 长辈版.
    const problems = await page.evaluate((elderly) => {
      const minTap = elderly ? 60 : 44;
      const out = [];
      const controls = document.querySelectorAll(
        '[role=button],[role=switch],[role=checkbox],[role=radio],[role=link],input,textarea',
      );
      for (const el of controls) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        if (r.height < minTap - 0.5 || r.width < minTap - 0.5) {
          out.push(
            `tap target ${Math.round(r.width)}×${Math.round(r.height)} < ${minTap}: ${(el.getAttribute('aria-label') || el.textContent || el.tagName).slice(0, 30)}`,
          );
        }
      }
      if (elderly) {
        const walker = document.createTreeWalker(document.querySelector('.sbd-page'), NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!n.textContent.trim()) continue;
          const size = parseFloat(getComputedStyle(n.parentElement).fontSize);
          if (size < 18 - 0.01) out.push(`text ${size}px < 18px: ${n.textContent.trim().slice(0, 30)}`);
        }
      }
      return out;
    }, !!shot.elderly);
    for (const p of problems) errors.push(`${shot.name}: ${p}`);
    if (shot.height) {
      // Tall pages: save 812-px slices so each image stays readable.
      for (let y = 0, i = 1; y < shot.height; y += 812, i += 1) {
        const file = join(outDir, `${shot.name}-${i}.png`);
        await page.screenshot({ path: file, clip: { x: 0, y, width: 375, height: Math.min(812, shot.height - y) } });
        console.log(`saved ${file}`);
      }
    } else {
      const file = join(outDir, `${shot.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`saved ${file}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
if (errors.length) {
  console.error(`problems:\n${errors.join('\n')}`);
  process.exit(1);
}
