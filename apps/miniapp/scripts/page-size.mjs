#!/usr/bin/env node
/**
 * Page size gate (issue #14): every function declared at the top level of a page file
 * (src/pages/<x>/index.tsx, src/package<X>/pages/<x>/index.tsx) — the page component and the
 * components beside it — must be at most MAX lines long. Bigger pieces belong in
 * src/features/<x>/ or the sub-package's components/.
 *
 *   node scripts/page-size.mjs            fails (exit 1) when a function is too long
 *   node scripts/page-size.mjs --top 10   also prints the ten longest
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const MAX = 120;
const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(appDir, 'src');

function pageFiles() {
  const out = [];
  for (const top of fs.readdirSync(srcDir)) {
    const pagesDir =
      top === 'pages' ? path.join(srcDir, 'pages') : /^package/.test(top) ? path.join(srcDir, top, 'pages') : null;
    if (!pagesDir || !fs.existsSync(pagesDir)) continue;
    for (const page of fs.readdirSync(pagesDir)) {
      const file = path.join(pagesDir, page, 'index.tsx');
      if (fs.existsSync(file)) out.push(file);
    }
  }
  return out.sort();
}

/** [name, lines] of each top-level function (declarations and `const X = (…) => …`). */
function functionsOf(file) {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const lines = (node) => {
    const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
    const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
    return end - start + 1;
  };
  const found = [];
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.body) found.push([st.name?.text ?? 'default', lines(st)]);
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) {
          found.push([d.name.getText(sf), lines(d)]);
        }
      }
    }
  }
  return found;
}

const all = pageFiles().flatMap((file) =>
  functionsOf(file).map(([name, n]) => ({ file: path.relative(appDir, file), name, lines: n })),
);
all.sort((a, b) => b.lines - a.lines);
const topArg = process.argv.indexOf('--top');
const top = topArg > 0 ? Number(process.argv[topArg + 1] ?? 10) : 1;
for (const f of all.slice(0, top)) console.log(`${String(f.lines).padStart(4)}  ${f.name}  ${f.file}`);
const tooLong = all.filter((f) => f.lines > MAX);
if (tooLong.length) {
  console.error(`\n${tooLong.length} page function(s) longer than ${MAX} lines:`);
  for (const f of tooLong) console.error(`  ${f.file}: ${f.name} (${f.lines} lines)`);
  process.exit(1);
}
console.log(`page-size: ${all.length} functions in ${pageFiles().length} pages, all ≤ ${MAX} lines`);
