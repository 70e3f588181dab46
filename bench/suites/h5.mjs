// The `h5` suite of bench/run.mjs: the mini-program's build sizes and its H5 first screen in Chromium.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_DIST, ROOT, launchChromium, round, startProcess, stopProcess, waitFor } from '../lib.mjs';

/** The mini-program: H5 first screen in Chromium (loopback, demo city on SQLite) and build sizes. */
export async function h5Suite() {
  console.log('\n== mini-program: build sizes and H5 first screen ==');
  const nx = join(ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
  const built = spawnSync(process.execPath, [nx, 'run', '@sbd/miniapp:build', '--outputStyle=static'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('mini-program build failed');
  const sizeFile = join(ROOT, 'bench', 'results', 'tmp', 'sizes.json');
  spawnSync(process.execPath, [join(ROOT, 'apps', 'miniapp', 'scripts', 'size-report.mjs'), sizeFile], {
    cwd: join(ROOT, 'apps', 'miniapp'),
    stdio: 'inherit',
  });
  const sizes = JSON.parse(readFileSync(sizeFile, 'utf8'));

  const dataDir = mkdtempSync(join(tmpdir(), 'sbd-bench-h5-'));
  const env = {
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    LOG_LEVEL: 'error',
    H5_DIR: join(ROOT, 'apps', 'miniapp', 'dist', 'h5'),
  };
  spawnSync(process.execPath, [join(API_DIST, 'seed', 'seed.cli.js')], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  const api = startProcess(join(API_DIST, 'main.js'), { ...env, PORT: '3804' }, 'api-h5');
  await waitFor('http://127.0.0.1:3804/health/ready');
  // A few open tasks in the demo member's community, so the feed has something to show.
  const login = await (
    await fetch('http://127.0.0.1:3804/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '13800000004', password: 'Demo@2026' }),
    })
  ).json();
  const [community] = login.user.roles.filter((r) => r.role === 'community_admin').map((r) => r.scopeNodeId);
  for (let i = 0; i < 5; i++) {
    const start = new Date(Date.now() + (i + 1) * 24 * 3600_000);
    await fetch('http://127.0.0.1:3804/api/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.accessToken}` },
      body: JSON.stringify({
        communityId: community,
        kind: 'micro',
        target: 'individuals',
        title: `楼道清理${i + 1}`,
        description: '清理楼道杂物',
        capacity: 3,
        startAt: start.toISOString(),
        endAt: new Date(start.getTime() + 7200_000).toISOString(),
        place: '桃园小区',
        publish: true,
      }),
    });
  }
  const { benchFirstScreen } = await import(join(ROOT, 'apps', 'miniapp', 'scripts', 'bench-first-screen.mjs'));
  const firstScreen = await benchFirstScreen({ baseUrl: 'http://127.0.0.1:3804', runs: 5 });
  // Baseline in the same run: the bare H5 page (index.html and its scripts) with no login and no API call.
  const browser = await launchChromium();
  const blank = [];
  for (let i = 0; i < 5; i++) {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await ctx.newPage();
    await page.goto('http://127.0.0.1:3804/pages/login/index', { waitUntil: 'load' });
    blank.push(await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd));
    await ctx.close();
  }
  await browser.close();
  blank.sort((a, b) => a - b);
  await stopProcess(api);
  return {
    sizes,
    firstScreen,
    baselineLoginPageLoadMs: round(blank[Math.floor(blank.length / 2)]),
  };
}

/** The mini-program section of latest.md, as lines. */
export function miniappMarkdown(mp) {
  const kb = (b) => `${round(b / 1024, 1)} KB`;
  const fs = mp.firstScreen;
  return [
    '## Mini-program',
    '',
    '| build | size | budget | share of budget |',
    '|---|---:|---:|---:|',
    `| weapp main package | ${kb(mp.sizes.weapp.mainBytes)} | ${kb(mp.sizes.limits.weappMain)} | ${round(mp.sizes.weapp.mainBytes / mp.sizes.limits.weappMain, 2)} |`,
    ...mp.sizes.weapp.subPackages.map(
      (sp) => `| weapp sub-package ${sp.root} | ${kb(sp.bytes)} | ${kb(sp.limit)} | ${round(sp.bytes / sp.limit, 2)} |`,
    ),
    `| H5 first-load JS (gzip) | ${kb(mp.sizes.h5.firstLoadGzipBytes)} | ${kb(mp.sizes.limits.h5FirstLoadJsGzip)} | ${round(mp.sizes.h5.firstLoadGzipBytes / mp.sizes.limits.h5FirstLoadJsGzip, 2)} |`,
    '',
    `H5 first screen (loopback, Chromium, 375 px, ${fs.runs} runs, ${fs.feedItems} tasks in the feed): task feed visible after **${fs.cold.feedVisibleMs.median} ms** cold (min ${fs.cold.feedVisibleMs.min}, max ${fs.cold.feedVisibleMs.max}; ${kb(fs.cold.transferredBytes.median)} transferred) and **${fs.warm.feedVisibleMs.median} ms** warm; baseline in the same run: the bare login page loads in ${mp.baselineLoginPageLoadMs} ms (ratio cold/baseline ${round(fs.cold.feedVisibleMs.median / mp.baselineLoginPageLoadMs, 1)}×).`,
    '',
  ];
}
