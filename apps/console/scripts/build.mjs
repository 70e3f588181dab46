// Builds the console into dist/: one hashed, minified bundle plus index.html, served by the API
// under /console (same origin, so the API's cookies-free bearer tokens and CSP apply unchanged).
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const result = await build({
  entryPoints: { app: join(root, 'src', 'main.tsx') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome100', 'edge100', 'firefox100', 'safari15'],
  outdir: join(dist, 'assets'),
  entryNames: '[name].[hash]',
  tsconfig: join(root, 'tsconfig.json'),
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs);
const asset = (ext) => outputs.filter((f) => f.endsWith(ext)).map((f) => `/console/assets/${f.split('/').pop()}`);
const script = asset('.js')[0];
const styles = asset('.css').map((href) => `\n    <link rel="stylesheet" href="${href}" />`);
writeFileSync(
  join(dist, 'index.html'),
  `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="icon" href="data:," />
    <title>双报到 · 管理后台</title>${styles.join('')}
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="${script}"></script>
  </body>
</html>
`,
);
const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
console.log(`console built: ${script} (${Math.round(bytes / 1024)} KiB)`);
