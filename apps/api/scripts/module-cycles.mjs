#!/usr/bin/env node
// Fails on dependency cycles between API modules (issue #14).
//
// A module is a folder two levels under src/ (loop/claims, identity/auth,
// reporting/stats, …); files directly in a context folder, and a context's
// own dto/ and entities/ folders, belong to the context itself (org, loop).
// dependency-cruiser's file-level `no-circular` rule cannot see a cycle that
// only exists once files are grouped per module (a→b in one file pair, b→a
// in another), so this script collapses its JSON graph to modules and runs
// Tarjan's SCC algorithm on it. It also prints the wall numbers the issue
// asks for: file cycles, upward imports between contexts, and imports of
// another context's entities/.
//
// Usage: node scripts/module-cycles.mjs [depcruise-output.json]
//        (without an argument it runs depcruise itself)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const apiDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CONTEXTS = ['platform', 'org', 'identity', 'messaging', 'loop', 'outreach', 'reporting'];
const SHARED_DIRS = new Set(['dto', 'entities']);

/** dependency-cruiser's CLI, wherever npm put it (this workspace or the repository root). */
function depcruiseBin() {
  for (let dir = apiDir; ; dir = dirname(dir)) {
    const bin = join(dir, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
    if (existsSync(bin)) return bin;
    if (dirname(dir) === dir) throw new Error('dependency-cruiser is not installed');
  }
}

function loadGraph() {
  const file = process.argv[2];
  if (file) return JSON.parse(readFileSync(file, 'utf8'));
  const out = execFileSync(
    process.execPath,
    [depcruiseBin(), 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
    { cwd: apiDir, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
  );
  return JSON.parse(out);
}

/** 'src/loop/claims/x.ts' → { context: 'loop', module: 'loop/claims' }; app-level files → null. */
export function locate(path) {
  const parts = path.replace(/\\/g, '/').split('/');
  const at = parts.indexOf('src');
  if (at < 0) return null;
  const [context, second, third] = parts.slice(at + 1);
  if (!CONTEXTS.includes(context)) return null; // main.ts, app.module.ts, seed/, …
  const inSubFolder = third !== undefined;
  const module = inSubFolder && !SHARED_DIRS.has(second) ? `${context}/${second}` : context;
  return { context, module };
}

function stronglyConnected(nodes, edges) {
  let index = 0;
  const idx = new Map(),
    low = new Map(),
    onStack = new Set(),
    stack = [],
    result = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) result.push(scc.sort());
    }
  };
  for (const v of nodes) if (!idx.has(v)) visit(v);
  return result;
}

const graph = loadGraph();
const moduleEdges = new Map();
const fileEdges = new Map();
const why = new Map();
const upward = [];
const entityReaches = [];
const files = [];
for (const m of graph.modules) {
  if (!m.source.startsWith('src/') || m.source.endsWith('.spec.ts')) continue;
  files.push(m.source);
  const from = locate(m.source);
  for (const d of m.dependencies) {
    if (!d.resolved.startsWith('src/')) continue;
    if (!fileEdges.has(m.source)) fileEdges.set(m.source, new Set());
    fileEdges.get(m.source).add(d.resolved);
    const to = locate(d.resolved);
    if (!from || !to) continue;
    if (from.context !== to.context) {
      if (CONTEXTS.indexOf(to.context) > CONTEXTS.indexOf(from.context)) upward.push(`${m.source} → ${d.resolved}`);
      if (/\/entities\//.test(d.resolved)) entityReaches.push(`${m.source} → ${d.resolved}`);
    }
    if (from.module === to.module) continue;
    if (!moduleEdges.has(from.module)) moduleEdges.set(from.module, new Set());
    moduleEdges.get(from.module).add(to.module);
    const key = `${from.module} → ${to.module}`;
    if (!why.has(key)) why.set(key, `${m.source} → ${d.resolved}`);
  }
}

const moduleCycles = stronglyConnected([...moduleEdges.keys()], moduleEdges);
const fileCycles = stronglyConnected(files, fileEdges);
console.log(
  `module cycles: ${moduleCycles.length}, file cycles: ${fileCycles.length}, ` +
    `upward imports: ${upward.length}, cross-context entity reaches: ${entityReaches.length}`,
);
for (const scc of moduleCycles) {
  console.log(`  module cycle: {${scc.join(', ')}}`);
  for (const a of scc)
    for (const b of scc) if (moduleEdges.get(a)?.has(b)) console.log(`    ${a} → ${b}  (${why.get(`${a} → ${b}`)})`);
}
if (process.env.VERBOSE) {
  for (const scc of fileCycles) console.log(`  file cycle: {${scc.join(', ')}}`);
  for (const u of upward) console.log(`  upward: ${u}`);
  for (const e of entityReaches) console.log(`  entity reach: ${e}`);
}
if (moduleCycles.length > 0) process.exit(1);
