/**
 * The API walls (issue #14). Contexts, lowest first; a context may import
 * only from contexts below it, and only through their public index.ts
 * (platform, the shared kernel, has no index: its helper files are public,
 * its wiring is not). Entities are private to their context.
 * App-level files (src/*.ts, src/seed/) and tests are exempt.
 * Module cycles (loop/claims ↔ loop/tasks, …) are checked by
 * scripts/module-cycles.mjs on top of the file-level no-circular rule.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const CONTEXTS = ['platform', 'org', 'identity', 'messaging', 'loop', 'outreach', 'reporting'];

const upward = CONTEXTS.slice(0, -1).map((ctx, i) => ({
  name: `no-upward-from-${ctx}`,
  comment: `${ctx} may import only ${CONTEXTS.slice(0, i).join(', ') || 'no other context'}`,
  severity: 'error',
  from: { path: `^src/${ctx}/` },
  to: { path: `^src/(${CONTEXTS.slice(i + 1).join('|')})/` },
}));

const internals = CONTEXTS.slice(1).map((ctx) => ({
  name: `no-internals-of-${ctx}`,
  comment: `other contexts reach ${ctx} only through src/${ctx}/index.ts`,
  severity: 'error',
  from: { path: '^src/(platform|org|identity|messaging|loop|outreach|reporting)/', pathNot: `^src/${ctx}/` },
  to: { path: `^src/${ctx}/`, pathNot: `^src/${ctx}/index\\.ts$` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'platform-imports-no-context',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: `^src/(${CONTEXTS.slice(1).join('|')})/` },
    },
    ...upward,
    ...internals,
    {
      name: 'no-internals-of-platform',
      comment:
        'platform is the shared kernel: its helpers (auth principal/scope/decorators, errors, database sql/column types/read ' +
        'repositories, validation, crypto, config, wechat client) are public, its wiring (migrations, data source, guard, ' +
        'h5, health, config validation, the audit module and its read route) is for the app level only',
      severity: 'error',
      from: { path: '^src/(org|identity|messaging|loop|outreach|reporting)/' },
      to: {
        path: '^src/platform/(database/(migrations/|run-migrations|data-source-options|sqlite-gate)|h5/|health/|config/(validate-config|config[.]module)|auth/(auth[.]guard|auth-core[.]module)|crypto/crypto[.]module|wechat/wechat[.]module|audit/(audit[.](module|controller)|audit-views)|jobs/jobs[.]module)',
      },
    },
    {
      name: 'no-foreign-entities',
      comment: 'entities are private to their context (app-level src/entities.ts, src/seed and tests are exempt)',
      severity: 'error',
      from: { path: '^src/(platform|org|identity|messaging|loop|outreach|reporting)/' },
      to: { path: '/entities/', pathNot: '^src/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|\\.spec\\.ts$|^dist/' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    cache: false,
  },
};
