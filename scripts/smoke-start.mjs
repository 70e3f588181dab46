// Proves the README's start command on a fresh data folder: the API comes up on SQLite with the
// demo city, /health/ready answers 200, /api/docs-json is OpenAPI 3, a demo account logs in,
// and the H5 app is served from the same origin.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(new URL('.', import.meta.url).pathname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'sbd-smoke-'));
const port = String(3900 + Math.floor(Math.random() * 90));
const child = spawn('npm', ['start'], {
  cwd: root,
  env: { ...process.env, DATA_DIR: dataDir, PORT: port, DATABASE_URL: '', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true,
});
let output = '';
child.stdout.on('data', (d) => {
  output += d;
  process.stdout.write(d);
});

const base = `http://127.0.0.1:${port}`;
const deadline = Date.now() + 240_000;
async function waitReady() {
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`${base}/health/ready`);
      if (r.status === 200) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('the API did not become ready within 240 s');
}

function check(cond, what) {
  if (!cond) throw new Error(`smoke check failed: ${what}`);
  console.log(`ok - ${what}`);
}

try {
  await waitReady();
  check(true, 'npm start brings /health/ready up on SQLite');
  const doc = await (await fetch(`${base}/api/docs-json`)).json();
  check(typeof doc.openapi === 'string' && doc.openapi.startsWith('3.'), `/api/docs-json is OpenAPI ${doc.openapi}`);
  check(output.includes('13800000004') && output.includes('Demo@2026'), 'the start command prints the demo accounts');
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: '13800000004', password: 'Demo@2026' }),
  });
  check(login.status === 200, 'the demo community admin logs in');
  const community = await fetch(`${base}/api/communities/by-code/TAOYUAN`);
  check(community.status === 200, 'the demo city has the community 桃园社区 (code TAOYUAN)');
  const page = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
  check(page.status === 200 && (await page.text()).includes('<div id="app"'), 'the H5 mini-program is served at /');
  const consolePage = await fetch(`${base}/console`, { headers: { accept: 'text/html' } });
  check(
    consolePage.status === 200 && (await consolePage.text()).includes('管理后台'),
    'the staff console is served at /console',
  );
  console.log('1 passed, 0 failed');
} catch (err) {
  console.error(err.message);
  process.exitCode = 1;
} finally {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  rmSync(dataDir, { recursive: true, force: true });
}
