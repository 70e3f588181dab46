#!/usr/bin/env node
/* global document, localStorage, NodeFilter, getComputedStyle -- used inside page.evaluate / addInitScript (browser side) */
/**
 * Visual check of the H5 build at 375 px: serves dist/h5 on 127.0.0.1 (index.html fallback for
 * non-/api paths, like the API does) and saves PNGs to test/e2e/screenshots/ (git-ignored).
 * /api/* answers 503 unless a fixture below applies, so pages show their error states honestly.
 *
 *   node test/e2e/screenshots.mjs            (needs `npm run build:h5` and /usr/bin/chromium)
 */
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const root = join(appDir, 'dist', 'h5');
const outDir = join(appDir, 'test', 'e2e', 'screenshots');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

const FIXTURES = {
  '/api/privacy-notice': {
    status: 200,
    body: { version: '2025-01', title: '双报到隐私政策', body: '我们仅为安排社区服务使用您的信息……' },
  },
  '/api/communities/by-code/XF01': {
    status: 200,
    body: {
      id: 7,
      code: 'XF01',
      name: '幸福社区',
      streetName: '幸福街道',
      districtName: '崇川区',
      address: '幸福路1号',
      positions: [
        { id: 11, communityId: 7, code: 'legal', name: '法律援助', description: null, active: true, sortOrder: 1 },
        { id: 12, communityId: 7, code: 'policy', name: '政策宣传', description: null, active: true, sortOrder: 2 },
        { id: 13, communityId: 7, code: 'patrol', name: '治安巡逻', description: null, active: true, sortOrder: 3 },
      ],
      buildings: [{ id: 21, name: '幸福小区3栋', gridId: 31 }],
      workUnits: [{ id: 41, name: '市财政局' }],
    },
  },
  '/api/registrations/me': { status: 404, body: { code: 'NOT_FOUND', message: '尚未报到', details: [] } },
  // 统计 (packageStats): a community's month by week, a unit, its member records and an annual report.
  '/api/stats/nodes/7': { status: 200, body: communityStats() },
  '/api/stats/nodes/9': {
    status: 200,
    body: {
      ...communityStats(),
      nodeId: 9,
      nodeType: 'work_unit',
      nodeName: '市税务局',
      registrationRate: 0.75,
      registrationRateNote: null,
      rosterEntries: 8,
      rosterRegistered: 6,
      needs: null,
      tasks: null,
    },
  },
  '/api/units/9/member-records': {
    status: 200,
    body: {
      year: 2026,
      nextCursor: null,
      items: [
        memberRecord({ honours: true }),
        memberRecord({
          key: 'e2',
          userId: null,
          registrationId: null,
          name: '王五',
          phone: '139****1234',
          registrationStatus: null,
          communityName: null,
          unitConfirmed: false,
          services: 0,
          verifiedHours: 0,
          backfilledHours: 0,
          ratings: 0,
          satisfiedRatings: 0,
          satisfaction: null,
          points: 0,
          lastServiceAt: null,
          flags: ['not_registered'],
        }),
        memberRecord({
          key: 'e3',
          userId: 4,
          name: '李红',
          satisfaction: 0.5,
          ratings: 4,
          satisfiedRatings: 2,
          noShows: 2,
          flags: ['low_satisfaction', 'negative_list'],
        }),
      ],
    },
  },
  '/api/units/9/members/3/annual-report': {
    status: 200,
    body: {
      year: 2026,
      unitId: 9,
      unitName: '市税务局',
      record: memberRecord({ honours: true }),
      services: [
        {
          claimId: 31,
          taskId: 21,
          taskTitle: '楼道灯维修',
          communityName: '幸福社区',
          startsAt: '2026-11-20T02:00:00.000Z',
          verifiedAt: '2026-11-20T06:00:00.000Z',
          hours: 2,
          score: 5,
          comment: '很及时',
        },
        {
          claimId: 32,
          taskId: 22,
          taskTitle: '社区政策宣讲',
          communityName: '幸福社区',
          startsAt: '2026-10-08T01:00:00.000Z',
          verifiedAt: '2026-10-08T05:00:00.000Z',
          hours: 3,
          score: null,
          comment: null,
        },
      ],
      backfills: [{ hours: 2, reason: '线下防汛值守', createdAt: '2026-07-02T02:00:00.000Z' }],
      pointsThisYear: 80,
      generatedAt: '2026-11-22T02:00:00.000Z',
      honoursRule: '年度核验服务时长不少于20小时、满意率不低于95%（至少3次评价）且无任何预警标记的党员，推荐评先评优',
    },
  },
};

function communityStats() {
  const week = (bucket, services, hours, ratings, satisfied) => ({
    bucket,
    from: bucket,
    to: bucket,
    services,
    hours,
    ratings,
    satisfiedRatings: satisfied,
    satisfaction: ratings ? satisfied / ratings : null,
  });
  return {
    nodeId: 7,
    nodeType: 'community',
    nodeName: '幸福社区',
    from: '2026-10-31T16:00:00.000Z',
    to: '2026-11-30T16:00:00.000Z',
    granularity: 'week',
    registrationRate: null,
    registrationRateNote: '报到率按单位和区统计',
    rosterEntries: null,
    rosterRegistered: null,
    registeredMembers: 40,
    servingMembers: 12,
    serviceRate: 0.3,
    services: 18,
    verifiedHours: 36.5,
    backfilledHours: 4,
    satisfaction: { total: 20, satisfied: 18, rate: 0.9 },
    residentSatisfaction: { total: 8, satisfied: 8, rate: 1 },
    communitySatisfaction: { total: 12, satisfied: 10, rate: 10 / 12 },
    needs: {
      accepted: 10,
      fulfilled: 7,
      closureRate: 0.7,
      hoursToAccept: { median: 3.5, mean: 5 },
      hoursToFulfil: { median: 50, mean: 60 },
    },
    tasks: {
      total: 9,
      byKind: { micro: 6, activity: 2, emergency: 1 },
      byStatus: { published: 3, completed: 5, cancelled: 1 },
    },
    topMembers: [
      { userId: 3, name: '张建国', services: 5, hours: 10 },
      { userId: 4, name: '李红', services: 3, hours: 6.5 },
      { userId: 5, name: '欧阳晓明', services: 2, hours: 4 },
    ],
    series: [
      week('2026-10-26', 0, 0, 0, 0),
      week('2026-11-02', 4, 8, 4, 4),
      week('2026-11-09', 6, 12.5, 6, 5),
      week('2026-11-16', 8, 16, 10, 9),
      week('2026-11-23', 0, 0, 0, 0),
      week('2026-11-30', 0, 0, 0, 0),
    ],
  };
}

function memberRecord(p = {}) {
  return {
    key: 'e1',
    rosterEntryId: 1,
    registrationId: 5,
    userId: 3,
    name: '张建国',
    phone: '138****0006',
    partyBranch: '第一党支部',
    position: '科员',
    onRoster: true,
    registrationStatus: 'approved',
    communityId: 7,
    communityName: '幸福社区',
    unitConfirmed: true,
    year: 2026,
    services: 5,
    verifiedHours: 10,
    backfilledHours: 2,
    ratings: 4,
    satisfiedRatings: 4,
    satisfaction: 1,
    noShows: 0,
    points: 120,
    lastServiceAt: '2026-11-20T02:00:00.000Z',
    flags: [],
    honours: false,
    ...p,
  };
}

/** A logged-in session as the app stores it (Taro H5 storage wraps values in { data }). */
const FAKE_SESSION = {
  accessToken: 'screenshot',
  refreshToken: 'screenshot',
  accessExpiresAt: Date.now() + 3600_000,
  refreshExpiresAt: Date.now() + 86400_000,
  user: {
    id: 1,
    name: '李四',
    phone: '13912345678',
    hasWechat: false,
    roles: [{ role: 'resident', scopeNodeId: 7, scopeName: '幸福社区' }],
    consentVersion: null,
    consentAt: null,
  },
  activeRole: null,
};

/** Sessions of the staff whose pages are shot (`session: 'admin' | 'unit'`). */
const STAFF_SESSIONS = {
  admin: {
    ...FAKE_SESSION,
    user: {
      ...FAKE_SESSION.user,
      name: '陈芳',
      roles: [{ role: 'community_admin', scopeNodeId: 7, scopeName: '幸福社区' }],
    },
  },
  unit: {
    ...FAKE_SESSION,
    user: {
      ...FAKE_SESSION.user,
      name: '刘洋',
      roles: [{ role: 'unit_admin', scopeNodeId: 9, scopeName: '市税务局' }],
    },
  },
};

function serve(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (url.pathname.startsWith('/api/')) {
    const fixture = FIXTURES[url.pathname] ?? {
      status: 503,
      body: { code: 'UPSTREAM_UNAVAILABLE', message: '服务暂时不可用（截图环境无 API）', details: [] },
    };
    res.writeHead(fixture.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(fixture.body));
    return;
  }
  let file = normalize(join(root, decodeURIComponent(url.pathname)));
  if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
}

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

const server = createServer(serve);
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
