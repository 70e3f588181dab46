// The `console` suite of bench/run.mjs: the PC console's first load. Its first-load JS (raw and gzip,
// what index.html loads before the first page can draw), and in Chromium the time from navigation
// to the first row of 报到审核's table, signed in, cold (new profile) and warm (cached). Baseline in
// the same run, on the same server: a bare HTML page whose ten lines of script make the same API call
// and draw the same rows into a plain <table>.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { API_DIST, ROOT, launchChromium, round, startProcess, stopProcess, waitFor } from '../lib.mjs';

const RUNS = Number(process.env.BENCH_CONSOLE_RUNS ?? 7);
const PORT = 3807;
const BASE = `http://127.0.0.1:${PORT}`;
const SESSION_KEY = 'sbd.console.session';
const CONSOLE_DIST = join(ROOT, 'apps', 'console', 'dist');

/** The scripts and styles index.html loads, and every script they import statically (modulepreload). */
function firstLoad(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+)"/g)].map((m) => m[1]);
  const seen = new Set();
  const visit = (ref) => {
    if (seen.has(ref)) return;
    seen.add(ref);
    if (!ref.endsWith('.js')) return;
    const code = readFileSync(join(dir, ref), 'utf8');
    // esbuild's static imports between chunks: import{…}from"./chunk-X.js" (dynamic import() is not first load).
    for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g))
      visit(`assets/${m[1]}`);
  };
  refs.forEach(visit);
  const files = [...seen].map((ref) => {
    const buf = readFileSync(join(dir, ref));
    return { ref, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  });
  const js = files.filter((f) => f.ref.endsWith('.js'));
  const all = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js'));
  return {
    files,
    jsRaw: js.reduce((n, f) => n + f.raw, 0),
    jsGzip: js.reduce((n, f) => n + f.gzip, 0),
    allJsRaw: all.reduce((n, f) => n + readFileSync(join(dir, 'assets', f)).length, 0),
    chunks: all.length,
  };
}

/** The baseline: the same request and rows, no framework. Served from the console's own directory (CSP: no inline script). */
const BARE_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>报到审核</title></head>
<body><table><thead><tr><th>姓名</th><th>手机号</th><th>单位</th><th>状态</th></tr></thead><tbody></tbody></table>
<script src="/console/bare-table.js"></script></body></html>`;
const BARE_JS = `(async () => {
  const s = JSON.parse(sessionStorage.getItem(${JSON.stringify(SESSION_KEY)}));
  const id = s.user.roles.find((r) => r.role === 'community_admin').scopeNodeId;
  const res = await fetch('/api/communities/' + id + '/registrations?status=pending&limit=50', { headers: { Authorization: 'Bearer ' + s.accessToken } });
  const page = await res.json();
  const body = document.querySelector('tbody');
  for (const r of page.items) {
    const tr = document.createElement('tr');
    for (const v of [r.name, r.phone, r.workUnitName, r.status]) { const td = document.createElement('td'); td.textContent = v == null ? '' : String(v); tr.appendChild(td); }
    body.appendChild(tr);
  }
})();`;

/** ms from navigation start until `rowSelector` is visible, cold then warm (same profile, cached). */
async function timeToTable(browser, session, url, rowSelector) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await ctx.addInitScript(([k, v]) => sessionStorage.setItem(k, v), [SESSION_KEY, JSON.stringify(session)]);
  const page = await ctx.newPage();
  const once = async () => {
    await page.goto(url, { waitUntil: 'commit' });
    await page.locator(rowSelector).first().waitFor({ state: 'visible', timeout: 30_000 });
    return page.evaluate(() => performance.now());
  };
  const cold = await once();
  const warm = await once();
  await ctx.close();
  return { cold, warm };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: round(s[Math.floor((s.length - 1) / 2)]), min: round(s[0]), max: round(s.at(-1)) };
};

export async function consoleSuite() {
  console.log('\n== console: first-load JS and time to the first table ==');
  const nx = join(ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
  const built = spawnSync(process.execPath, [nx, 'run', '@sbd/console:build', '--outputStyle=static'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('console build failed');
  const load = firstLoad(CONSOLE_DIST);

  const dir = mkdtempSync(join(tmpdir(), 'sbd-bench-console-'));
  const consoleDir = join(dir, 'console');
  cpSync(CONSOLE_DIST, consoleDir, { recursive: true });
  writeFileSync(join(consoleDir, 'bare-table.html'), BARE_HTML);
  writeFileSync(join(consoleDir, 'bare-table.js'), BARE_JS);
  const env = {
    NODE_ENV: 'development',
    DATA_DIR: join(dir, 'data'),
    DATABASE_URL: '',
    LOG_LEVEL: 'error',
    CONSOLE_DIR: consoleDir,
    H5_DIR: '/nonexistent',
  };
  spawnSync(process.execPath, [join(API_DIST, 'seed', 'seed.cli.js')], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  const api = startProcess(join(API_DIST, 'main.js'), { ...env, PORT: String(PORT) }, 'api-console');
  let browser = null;
  try {
    await waitFor(`${BASE}/health/ready`);
    const login = await (
      await fetch(`${BASE}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone: '13800000004', password: 'Demo@2026' }),
      })
    ).json();
    const session = { accessToken: login.accessToken, refreshToken: login.refreshToken, user: login.user };
    browser = await launchChromium();
    const sides = {
      console: [`${BASE}/console/registrations`, '.ant-table-tbody tr.ant-table-row'],
      bare: [`${BASE}/console/bare-table.html`, 'tbody tr'],
    };
    for (const [url, sel] of Object.values(sides)) await timeToTable(browser, session, url, sel); // warm-up
    const runs = { console: [], bare: [] };
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 ? ['bare', 'console'] : ['console', 'bare'];
      for (const side of order) runs[side].push(await timeToTable(browser, session, ...sides[side]));
    }
    const of = (side, k) => stats(runs[side].map((r) => r[k]));
    const result = {
      runs: RUNS,
      firstLoad: load,
      console: { cold: of('console', 'cold'), warm: of('console', 'warm') },
      bare: { cold: of('bare', 'cold'), warm: of('bare', 'warm') },
    };
    result.coldRatio = round(result.console.cold.median / result.bare.cold.median, 2);
    result.warmRatio = round(result.console.warm.median / result.bare.warm.median, 2);
    console.log(JSON.stringify({ ...result, firstLoad: { ...load, files: undefined } }));
    return result;
  } finally {
    await browser?.close();
    await stopProcess(api);
  }
}

/** The console section of latest.md, as lines. */
export function consoleMarkdown(s) {
  const kb = (b) => `${round(b / 1024, 1)} KB`;
  return [
    '## PC console (管理后台)',
    '',
    `First load: ${s.firstLoad.files.length} files; JS ${kb(s.firstLoad.jsRaw)} raw, **${kb(s.firstLoad.jsGzip)} gzip** (all ${s.firstLoad.chunks} JS chunks together: ${kb(s.firstLoad.allJsRaw)} raw).`,
    '',
    `Time from navigation to the first row of 报到审核's table, signed in, loopback, Chromium at 1440×900, medians of ${s.runs} alternating runs:`,
    '',
    '| page | cold ms (min–max) | warm ms (min–max) |',
    '|---|---:|---:|',
    `| baseline: bare HTML table, same API call | ${s.bare.cold.median} (${s.bare.cold.min}–${s.bare.cold.max}) | ${s.bare.warm.median} (${s.bare.warm.min}–${s.bare.warm.max}) |`,
    `| console (React + antd) | ${s.console.cold.median} (${s.console.cold.min}–${s.console.cold.max}) | ${s.console.warm.median} (${s.console.warm.min}–${s.console.warm.max}) |`,
    `| **ratio console / baseline** | **${s.coldRatio}** | **${s.warmRatio}** |`,
    '',
  ];
}
