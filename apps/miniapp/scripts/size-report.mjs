#!/usr/bin/env node
/**
 * Size budgets of the mini-program builds (run after `npm run build`):
 *   - weapp main package (everything in dist/weapp outside the sub-package roots) ≤ 1.5 MB
 *   - each weapp sub-package (roots from dist/weapp/app.json) ≤ 2 MB
 *   - H5 first-load JS: gzipped size of the scripts dist/h5/index.html references ≤ 350 KB
 * Prints a table, exits 1 when a budget is exceeded (2 when a build is missing), and writes the
 * figures as JSON to argv[2] when given.
 *
 *   node scripts/size-report.mjs [report.json]
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const KB = 1024;
const MB = 1024 * KB;
const LIMITS = {
  weappMain: 1.5 * MB,
  weappSubPackage: 2 * MB,
  h5FirstLoadJsGzip: 350 * KB,
};

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const weappDir = join(appDir, 'dist', 'weapp');
const h5Dir = join(appDir, 'dist', 'h5');

/** Files the WeChat uploader ignores (developer-tool settings). */
const NOT_UPLOADED = new Set(['project.config.json', 'project.private.config.json']);

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...walk(p));
    else out.push({ path: p, size: st.size });
  }
  return out;
}

function fmt(bytes) {
  if (bytes >= MB) return `${(bytes / MB).toFixed(2)} MB`;
  return `${(bytes / KB).toFixed(1)} KB`;
}

const missing = [weappDir, h5Dir].filter((d) => !existsSync(d));
if (missing.length) {
  console.error(`size-report: build output missing: ${missing.map((d) => relative(appDir, d)).join(', ')}`);
  console.error('Run `npm run build:weapp && npm run build:h5` in apps/miniapp first.');
  process.exit(2);
}

// ---------- weapp ----------
const appJson = JSON.parse(readFileSync(join(weappDir, 'app.json'), 'utf8'));
const subRoots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''));
const weappFiles = walk(weappDir).filter((f) => !NOT_UPLOADED.has(relative(weappDir, f.path)));
const rootOf = (file) => {
  const rel = relative(weappDir, file.path).split(sep).join('/');
  return subRoots.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? null;
};

const subPackages = subRoots.map((root) => {
  const bytes = weappFiles.filter((f) => rootOf(f) === root).reduce((s, f) => s + f.size, 0);
  return { root, bytes, limit: LIMITS.weappSubPackage, ok: bytes <= LIMITS.weappSubPackage };
});
const mainBytes = weappFiles.filter((f) => rootOf(f) === null).reduce((s, f) => s + f.size, 0);
const weappTotal = weappFiles.reduce((s, f) => s + f.size, 0);

// ---------- h5 ----------
const html = readFileSync(join(h5Dir, 'index.html'), 'utf8');
const scriptSrcs = [...html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["']/gi)].map((m) => m[1]);
const firstLoad = scriptSrcs.map((src) => {
  if (/^(https?:)?\/\//i.test(src)) throw new Error(`index.html references an external script: ${src}`);
  const file = join(h5Dir, src.replace(/^\/+/, '').split('?')[0]);
  const buf = readFileSync(file);
  return { src, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
});
const h5FirstLoadGzip = firstLoad.reduce((s, f) => s + f.gzip, 0);
const h5FirstLoadRaw = firstLoad.reduce((s, f) => s + f.bytes, 0);

const allH5Js = walk(h5Dir).filter((f) => f.path.endsWith('.js'));
const largestAsync = allH5Js
  .filter((f) => !firstLoad.some((x) => join(h5Dir, x.src.replace(/^\/+/, '')) === f.path))
  .map((f) => ({
    file: relative(h5Dir, f.path),
    bytes: f.size,
    gzip: gzipSync(readFileSync(f.path), { level: 9 }).length,
  }))
  .sort((a, b) => b.gzip - a.gzip)
  .slice(0, 3);

// ---------- report ----------
const checks = [
  { name: 'weapp main package', value: mainBytes, limit: LIMITS.weappMain },
  ...subPackages.map((p) => ({ name: `weapp sub-package ${p.root}`, value: p.bytes, limit: p.limit })),
  { name: 'H5 first-load JS (gzip)', value: h5FirstLoadGzip, limit: LIMITS.h5FirstLoadJsGzip },
];

console.log('Mini-program size report');
console.log('-'.repeat(72));
for (const c of checks) {
  const ok = c.value <= c.limit;
  console.log(`${ok ? 'ok  ' : 'OVER'}  ${c.name.padEnd(36)} ${fmt(c.value).padStart(10)}  / ${fmt(c.limit)}`);
}
console.log('-'.repeat(72));
console.log(`info  weapp total (all packages)             ${fmt(weappTotal).padStart(10)}`);
console.log(
  `info  H5 first-load JS raw                   ${fmt(h5FirstLoadRaw).padStart(10)}  (${firstLoad.map((f) => f.src).join(', ')})`,
);
for (const a of largestAsync) {
  console.log(`info  H5 lazy chunk ${a.file.padEnd(26)} ${fmt(a.gzip).padStart(10)} gzip`);
}

const failed = checks.filter((c) => c.value > c.limit);
const report = {
  generatedAt: new Date().toISOString(),
  limits: LIMITS,
  weapp: { mainBytes, subPackages, totalBytes: weappTotal },
  h5: {
    firstLoad,
    firstLoadGzipBytes: h5FirstLoadGzip,
    firstLoadRawBytes: h5FirstLoadRaw,
    largestLazyChunks: largestAsync,
  },
  ok: failed.length === 0,
};

if (process.argv[2]) {
  const out = resolve(process.cwd(), process.argv[2]);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${out}`);
}

if (failed.length) {
  console.error(`size-report: over budget: ${failed.map((c) => c.name).join('; ')}`);
  process.exit(1);
}
console.log('size-report: all budgets met');
