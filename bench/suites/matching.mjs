// The `matching` suite of bench/run.mjs: the offline evaluation (matching-eval.mjs), then
// recommendations among 5,000 open tasks in one street on MariaDB against a plain "newest 20" query.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import {
  API_DIST,
  createSessions,
  mintToken,
  percentile,
  recreateDatabase,
  round,
  startProcess,
  stopProcess,
  toDbDate,
  waitFor,
} from '../lib.mjs';
import { offlineEvaluation } from '../matching-eval.mjs';
import { seedCity } from '../seed-city.mjs';

/** Answers the `matching` results. */
export async function matchingSuite({ dbUrl }) {
  console.log('\n== matching: offline evaluation ==');
  const evaluation = offlineEvaluation();
  console.log(JSON.stringify(evaluation.quality), JSON.stringify(evaluation.spread));

  console.log('\n== matching: recommendations among 5,000 open tasks in one street (MariaDB) ==');
  const url = dbUrl.replace(/\/([^/]+)$/, '/$1_match');
  await recreateDatabase(url);
  const secret = randomBytes(32).toString('hex');
  const fieldKey = randomBytes(32).toString('hex');
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: url,
    JWT_SECRET: secret,
    FIELD_ENCRYPTION_KEY: fieldKey,
    WECHAT_APP_ID: 'wx-bench',
    WECHAT_APP_SECRET: 'bench',
    PUBLIC_BASE_URL: 'http://127.0.0.1',
    H5_DIR: '/nonexistent',
    LOG_LEVEL: 'error',
    SCHEDULER_ENABLED: 'false',
  };
  let api = startProcess(join(API_DIST, 'main.js'), { ...env, PORT: '3803' }, 'api');
  await waitFor('http://127.0.0.1:3803/health/ready');
  await stopProcess(api);
  const city = await seedCity(url, fieldKey, {
    streets: 1,
    communities: 10,
    units: 10,
    members: 2000,
    tasks: 5000,
    claims: 2000,
    openShare: 1,
  });
  await createSessions(url);
  api = startProcess(join(API_DIST, 'main.js'), { ...env, PORT: '3803' }, 'api');
  await waitFor('http://127.0.0.1:3803/health/ready');
  const conn = await mysql.createConnection({ uri: url, timezone: 'Z' });
  const [[open]] = await conn.query("SELECT COUNT(*) AS n FROM tasks WHERE status = 'published' AND street_id = ?", [
    city.streets[0].id,
  ]);

  const members = Array.from({ length: 100 }, (_, i) => 1 + i * 19);
  const timeIt = async (fn) => {
    const lat = [];
    for (let rep = 0; rep < 2; rep++) {
      for (const m of members) {
        const s = performance.now();
        await fn(m);
        lat.push(performance.now() - s);
      }
    }
    lat.sort((a, b) => a - b);
    return {
      requests: lat.length,
      p50Ms: round(percentile(lat, 50)),
      p95Ms: round(percentile(lat, 95)),
      maxMs: round(lat[lat.length - 1]),
    };
  };
  let returned = 0;
  await fetch('http://127.0.0.1:3803/api/recommendations/tasks', {
    headers: { authorization: `Bearer ${mintToken(secret, members[0])}` },
  });
  const ours = await timeIt(async (m) => {
    const res = await fetch('http://127.0.0.1:3803/api/recommendations/tasks?limit=10', {
      headers: { authorization: `Bearer ${mintToken(secret, m)}` },
    });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`recommendations answered ${res.status}: ${JSON.stringify(body)}`);
    returned += body.length;
  });
  const baseline = await timeIt(async () => {
    await conn.query(
      "SELECT * FROM tasks WHERE status IN ('published', 'in_progress') AND street_id = ? AND ends_at > ? ORDER BY published_at DESC, id DESC LIMIT 20",
      [city.streets[0].id, toDbDate(new Date())],
    );
  });
  await conn.end();
  await stopProcess(api);
  console.log('recommendations', ours, 'baseline newest 20', baseline);
  return {
    offline: evaluation,
    performance: {
      openTasksInStreet: Number(open.n),
      members: city.counts.members,
      recommendations: { ...ours, averageReturned: round(returned / ours.requests, 1) },
      baselineNewest20: baseline,
      p95Ratio: round(ours.p95Ms / baseline.p95Ms, 1),
      targets: { p95Under50Ms: ours.p95Ms < 50 },
    },
  };
}

/** The matching section of latest.md, as lines. */
export function matchingMarkdown(mt) {
  const q = mt.offline.quality;
  const g = mt.offline.spread;
  return [
    `## Matching (offline evaluation on a synthetic street: ${mt.offline.street.members} members, ${mt.offline.street.openTasks} open tasks)`,
    '',
    'Acceptance model (the "truth"): utility = 2.0·position (+1 holds / −1 lacks a required one) + 1.0·skill overlap + 1.5·starts in a declared free slot + 1.2·e^(−distance/800 m) − 0.4·ln(1 + services done) − 2.0 + N(0, 0.7); P(accept) = sigmoid(utility). Gini: 30 simulated days, 15 tasks a day, 3 staff invitations per task plus members opening the app (heavy-tailed activity).',
    '',
    '| policy | precision@5 | nDCG@10 | services | members serving | Gini |',
    '|---|---:|---:|---:|---:|---:|',
    ...['ours', 'newestFirst', 'nearestFirst'].map(
      (p) =>
        `| ${p} | ${q[p].precisionAt5} | ${q[p].ndcgAt10} | ${g[p].services} | ${g[p].membersServing} | ${g[p].gini} |`,
    ),
    '',
    `precision@5 ours / newest-first = **${mt.offline.ratios.precisionAt5OursOverNewest}** (target ≥ 1.5: ${mt.offline.targets.precisionAt5AtLeast1_5xNewest ? 'met' : 'NOT met'}); Gini lower than newest-first: ${mt.offline.targets.giniLowerThanNewest ? 'met' : 'NOT met'}.`,
    '',
    `Recommendations for one member among ${mt.performance.openTasksInStreet} open tasks in a street (MariaDB, sequential, ${mt.performance.recommendations.requests} requests): p50 ${mt.performance.recommendations.p50Ms} ms, **p95 ${mt.performance.recommendations.p95Ms} ms** (target < 50 ms: ${mt.performance.targets.p95Under50Ms ? 'met' : 'NOT met'}); baseline plain "newest 20" query p50 ${mt.performance.baselineNewest20.p50Ms} ms, p95 ${mt.performance.baselineNewest20.p95Ms} ms (ratio ${mt.performance.p95Ratio}×).`,
    '',
  ];
}
