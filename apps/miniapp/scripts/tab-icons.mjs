#!/usr/bin/env node
/**
 * Draws the tab bar icons (src/assets/tabbar/*.png): 81×81 RGBA PNGs, grey and red (selected),
 * anti-aliased by 4×4 supersampling. WeChat wants tab icons ≤ 40 KB; these are about 1 KB.
 * No dependencies: shapes are coverage functions, PNG bytes are written with node:zlib.
 *
 *   node scripts/tab-icons.mjs      (re-run after changing a shape; the PNGs are committed)
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SIZE = 81;
const SS = 4;
const GREY = [0x5c, 0x63, 0x70];
const RED = [0xc8, 0x16, 0x1d];
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/assets/tabbar');

const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ellipse = (cx, cy, rx, ry) => (x, y) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (!rect(x0, y0, x1, y1)(x, y)) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
/** Triangle by its corners (any orientation). */
const triangle = (a, b, c) => (x, y) => {
  const s = (p, q) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const d1 = s(a, b);
  const d2 = s(b, c);
  const d3 = s(c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};
const union =
  (...fs) =>
  (x, y) =>
    fs.some((f) => f(x, y));
const minus = (f, g) => (x, y) => f(x, y) && !g(x, y);

const SHAPES = {
  // 首页: a house with a door
  home: minus(union(triangle([40.5, 8], [6, 40], [75, 40]), rect(16, 36, 65, 72)), rect(34, 50, 47, 72)),
  // 任务: a clipboard with three lines
  tasks: union(
    minus(roundRect(14, 12, 67, 74, 7), roundRect(20, 18, 61, 68, 3)),
    roundRect(28, 6, 53, 18, 4),
    rect(27, 30, 54, 35),
    rect(27, 42, 54, 47),
    rect(27, 54, 46, 59),
  ),
  // 消息: a speech bubble with three dots
  inbox: minus(
    union(roundRect(6, 12, 75, 60, 12), triangle([20, 56], [36, 56], [18, 74])),
    union(circle(24, 36, 5), circle(40.5, 36, 5), circle(57, 36, 5)),
  ),
  // 我的: a head and shoulders
  me: union(circle(40.5, 24, 15), minus(ellipse(40.5, 76, 32, 32), rect(0, 74, 81, 81))),
};

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function png(shape, [r, g, b]) {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      let hit = 0;
      for (let i = 0; i < SS; i++)
        for (let j = 0; j < SS; j++) if (shape(x + (i + 0.5) / SS, y + (j + 0.5) / SS)) hit++;
      const o = row + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round((255 * hit) / (SS * SS));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

fs.mkdirSync(outDir, { recursive: true });
for (const [name, shape] of Object.entries(SHAPES)) {
  for (const [suffix, colour] of [
    ['', GREY],
    ['-on', RED],
  ]) {
    const file = path.join(outDir, `${name}${suffix}.png`);
    fs.writeFileSync(file, png(shape, colour));
    console.log(`${path.relative(process.cwd(), file)} ${fs.statSync(file).size} B`);
  }
}
