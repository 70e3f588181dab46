// Runs the API suite on embedded SQLite, then, when TEST_DATABASE_URL is set, again on MySQL/MariaDB.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const apiRoot = join(here, '..');
const resultsDir = join(apiRoot, '..', '..', '.test-results', '@sbd', 'api');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const runs = [{ name: 'sqlite', env: { TEST_DB: 'sqlite' } }];
if (process.env.TEST_DATABASE_URL) runs.push({ name: 'mysql', env: { TEST_DB: 'mysql' } });
else console.log('TEST_DATABASE_URL is not set: the API suite runs on SQLite only.');

let failed = false;
for (const run of runs) {
  console.log(`\n=== API tests on ${run.name} ===`);
  const res = spawnSync(
    process.execPath,
    [
      join(apiRoot, '..', '..', 'node_modules', 'jest', 'bin', 'jest.js'),
      '--ci',
      '--json',
      `--outputFile=${join(resultsDir, `${run.name}.json`)}`,
      ...process.argv.slice(2),
    ],
    { cwd: apiRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', ...run.env } },
  );
  if (res.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
