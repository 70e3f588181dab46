// `npm run bench`: measures the API against a baseline measured in the same run, on MariaDB,
// and writes bench/results/latest.json and latest.md. Figures are ratios, since machines are noisy.
//
//   node bench/run.mjs                    every suite
//   node bench/run.mjs api matching …     only those (api, claims, cluster, matching, h5, console,
//                                         dashboard, reliability, qr); the other suites keep their last
//                                         figures in the results file
//   node bench/run.mjs scale              dashboards at 100× seed 003 (2.6 M members; ~30 min of
//                                         seeding): never part of the default run
//
// The suites live in bench/suites/ (api, claims, cluster, matching, h5, console, qr), dashboard.mjs and
// reliability.mjs; this file builds the API, runs the suites asked for and writes the results.
// Importing it runs nothing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, round } from './lib.mjs';
import { dashboardMarkdown, dashboardSuite } from './dashboard.mjs';
import { reliabilityMarkdown, reliabilitySuite } from './reliability.mjs';
import { apiMarkdown, apiSuite } from './suites/api.mjs';
import { claimsMarkdown, claimsSuite } from './suites/claims.mjs';
import { clusterMarkdown, clusterSuite } from './suites/cluster.mjs';
import { consoleMarkdown, consoleSuite } from './suites/console.mjs';
import { h5Suite, miniappMarkdown } from './suites/h5.mjs';
import { matchingMarkdown, matchingSuite } from './suites/matching.mjs';
import { qrMarkdown, qrSuite } from './suites/qr.mjs';

const DB_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/sbd_bench';
const RESULTS_DIR = join(ROOT, 'bench', 'results');

function build() {
  const nx = join(ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
  const res = spawnSync(
    process.execPath,
    [nx, 'run-many', '-t', 'build', '-p', '@sbd/contracts', '@sbd/domain', '@sbd/api', '--outputStyle=static'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (res.status !== 0) throw new Error('build failed');
}

/** latest.md: a header, then one section per suite that has results. */
export function markdown(results) {
  const lines = [
    `# Benchmark results`,
    '',
    `Run ${results.startedAt} on ${results.machine.cpus} cores / ${results.machine.memoryGb} GB.`,
    '',
  ];
  const { serviceLoop, claims, cluster, matching, miniapp, pcConsole, dashboard, scale, reliability, qr } =
    results.suites;
  if (serviceLoop) lines.push(...apiMarkdown(serviceLoop));
  if (claims) lines.push(...claimsMarkdown(claims));
  if (cluster) lines.push(...clusterMarkdown(cluster));
  if (matching) lines.push(...matchingMarkdown(matching));
  if (miniapp) lines.push(...miniappMarkdown(miniapp));
  if (pcConsole) lines.push(...consoleMarkdown(pcConsole));
  if (dashboard) lines.push(dashboardMarkdown(dashboard), '');
  if (scale) lines.push(dashboardMarkdown(scale, 'Dashboard at scale'), '');
  if (reliability) lines.push(reliabilityMarkdown(reliability), '');
  if (qr) lines.push(...qrMarkdown(qr));
  return lines.join('\n');
}

/** Runs the suites named in `only` (all of them when empty) and writes bench/results/latest.{json,md}. */
export async function main(only) {
  const results = {
    startedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, memoryGb: round(totalmem() / 2 ** 30) },
    suites: {},
  };
  // Running some suites keeps the other suites' last figures in the results file.
  if (only.length) {
    try {
      const previous = JSON.parse(readFileSync(join(RESULTS_DIR, 'latest.json'), 'utf8'));
      results.suites = { ...previous.suites };
    } catch {
      /* first run */
    }
  }
  const wanted = (suite) => !only.length || only.includes(suite);
  build();
  if (wanted('api')) results.suites.serviceLoop = await apiSuite({ dbUrl: DB_URL });
  if (wanted('claims'))
    results.suites.claims = await claimsSuite({ dbUrl: DB_URL.replace(/\/([^/]+)$/, '/$1_claims') });
  if (wanted('cluster')) results.suites.cluster = await clusterSuite();
  if (wanted('matching')) results.suites.matching = await matchingSuite({ dbUrl: DB_URL });
  if (wanted('h5')) results.suites.miniapp = await h5Suite();
  if (wanted('console')) results.suites.pcConsole = await consoleSuite();
  if (wanted('dashboard')) {
    results.suites.dashboard = await dashboardSuite({ dbUrl: DB_URL.replace(/\/([^/]+)$/, '/$1_dash') });
  }
  // 100× seed 003 (2.6 M members): about half an hour of seeding, so only when asked for by name.
  if (only.includes('scale')) {
    results.suites.scale = await dashboardSuite({
      dbUrl: DB_URL.replace(/\/([^/]+)$/, '/$1_scale'),
      factor: 100,
      targetP95Ms: 100,
      // Building the district's roll-ups at this size takes minutes: as in production, the leased
      // background job builds them (its statements may run long), with the requests' default deadlines.
      apiEnv: { SCHEDULER_ENABLED: 'true' },
      reuseSeed: process.env.BENCH_REUSE_SEED === '1',
      baselineRuns: {
        district: { n: 1, concurrency: 1 },
        street: { n: 5, concurrency: 1 },
        community: { n: 20, concurrency: 4 },
        unit: { n: 20, concurrency: 4 },
      },
    });
  }
  if (wanted('reliability')) results.suites.reliability = await reliabilitySuite();
  if (wanted('qr')) results.suites.qr = await qrSuite();
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'latest.json'), JSON.stringify(results, null, 2));
  writeFileSync(join(RESULTS_DIR, 'latest.md'), markdown(results));
  console.log(`\n${markdown(results)}`);
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
