// Builds the console into dist/: hashed, minified ES modules plus index.html, served by the API
// under /console (same origin, so the API's cookies-free bearer tokens and CSP apply unchanged).
// Code splitting: the entry holds the shell; each page's chunk loads when the page is first opened
// (console-app.tsx), and the chunks the entry imports are preloaded from index.html.
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
  splitting: true,
  chunkNames: 'chunk.[hash]',
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

const outputs = result.metafile.outputs;
const url = (file) => `/console/assets/${file.split('/').pop()}`;
const [entryFile, entry] = Object.entries(outputs).find(([, o]) => o.entryPoint?.endsWith('src/main.tsx'));
const script = url(entryFile);
const preloads = entry.imports
  .filter((i) => i.kind === 'import-statement')
  .map((i) => `\n    <link rel="modulepreload" href="${url(i.path)}" />`);
const styles = Object.keys(outputs)
  .filter((f) => f.endsWith('.css'))
  .map((f) => `\n    <link rel="stylesheet" href="${url(f)}" />`);
writeFileSync(
  join(dist, 'index.html'),
  `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="icon" href="data:," />
    <title>双报到 · 管理后台</title>${styles.join('')}${preloads.join('')}
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
