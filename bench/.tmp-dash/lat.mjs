import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { API_DIST, mintToken, percentile, round, startProcess, stopProcess, waitFor } from '/work/main/bench/lib.mjs';
const DB = 'mysql://root@127.0.0.1:3306/sbd_bench_dash';
const conn = await mysql.createConnection(DB);
const [rows] = await conn.query("SELECT u.id, r.role, r.scope_node_id FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role IN ('district_admin','street_admin','community_admin','unit_admin')");
const [[key]] = await conn.query('SELECT 1');
await conn.end();
const secret = 'x'.repeat(64);
const fieldKey = process.env.FK;
const env = { NODE_ENV: 'production', DATABASE_URL: DB, JWT_SECRET: secret, FIELD_ENCRYPTION_KEY: fieldKey, WECHAT_APP_ID: 'wx', WECHAT_APP_SECRET: 'b', PUBLIC_BASE_URL: 'http://127.0.0.1', H5_DIR: '/nonexistent', LOG_LEVEL: 'error', SCHEDULER_ENABLED: 'false', PORT: '3812' };
const api = startProcess(join(API_DIST, 'main.js'), env, 'api');
await waitFor('http://127.0.0.1:3812/health/ready');
const call = async (r) => { const res = await fetch(`http://127.0.0.1:3812/api/stats/nodes/${r.scope_node_id}`, { headers: { authorization: `Bearer ${mintToken(secret, r.id)}` } }); if (res.status !== 200) throw new Error(await res.text()); return res.json(); };
for (const r of rows) {
  const s = performance.now(); await call(r); console.log(r.role, 'first', round(performance.now() - s));
  const lat = [];
  let next = 0;
  await Promise.all(Array.from({ length: Number(process.env.C ?? 4) }, async () => { while (next < 40) { next++; const t = performance.now(); await call(r); lat.push(performance.now() - t); } }));
  lat.sort((a, b) => a - b);
  console.log(r.role, 'p50', round(percentile(lat, 50)), 'p95', round(percentile(lat, 95)));
}
await stopProcess(api);
