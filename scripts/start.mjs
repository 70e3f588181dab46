// `npm start`: build what is needed, migrate, create the demo city on a fresh embedded database,
// print the demo accounts, then run the API, which also serves the mini-program's H5 build.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const nx = join(root, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');

function run(args, opts = {}) {
  const res = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', ...opts });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

if (process.env.SKIP_BUILD !== 'true') {
  console.log('Building the API, the H5 mini-program and the console (cached after the first run)…');
  run([nx, 'run-many', '-t', 'build', '-p', '@sbd/contracts', '@sbd/domain', '@sbd/api', '--outputStyle=static']);
  run([nx, 'run', '@sbd/miniapp:build:h5', '--outputStyle=static']);
  run([nx, 'run', '@sbd/console:build', '--outputStyle=static']);
}

const useMysql = !!process.env.DATABASE_URL;
if (!useMysql || process.env.SEED_DEMO === 'true') {
  run([join(root, 'apps', 'api', 'dist', 'seed', 'seed.cli.js')]);
} else {
  run([join(root, 'apps', 'api', 'dist', 'migrate.cli.js')]);
}

const port = process.env.PORT ?? '3000';
console.log(
  `双报到 is starting: open http://localhost:${port}/ (console: http://localhost:${port}/console, API docs: http://localhost:${port}/api/docs)`,
);
const api = spawn(process.execPath, [join(root, 'apps', 'api', 'dist', 'main.js')], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => api.kill(sig));
api.on('exit', (code) => process.exit(code ?? 0));
