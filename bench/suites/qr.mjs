// The `qr` suite of bench/run.mjs: the registration and e-card QR PNGs as the API draws them
// (platform/qr/qr-png.ts: Skia draws, and encodes off the event loop) against the baseline they replaced, `qrcode`'s
// own PNG path (pngjs filters every pixel in JavaScript), both in this process, in the same run.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { API_DIST, round } from '../lib.mjs';

const require = createRequire(import.meta.url);
const TEXT = 'https://sbd.example.test/packageMember/pages/register/index?community=C0000123';
/** The three sizes the API draws: the live e-card (360), the community QR (512), the poster (1200). */
const SIZES = [360, 512, 1200];
const RUNS = 40;

/** Mean ms per code, and the longest the event loop waited meanwhile (its timers keep ticking). */
async function measure(draw) {
  for (let i = 0; i < 5; i++) await draw(); // warm-up
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = process.hrtime.bigint();
  for (let i = 0; i < RUNS; i++) await draw();
  const meanMs = Number(process.hrtime.bigint() - started) / 1e6 / RUNS;
  delay.disable();
  return { meanMs: round(meanMs), maxLoopDelayMs: round(delay.max / 1e6) };
}

export async function qrSuite() {
  console.log('\n== qr: QR PNGs, Skia against qrcode/pngjs ==');
  const QRCode = require(require.resolve('qrcode', { paths: [join(API_DIST, '..')] }));
  const { qrPng } = require(join(API_DIST, 'platform', 'qr', 'qr-png.js'));
  const sizes = [];
  for (const width of SIZES) {
    const baseline = await measure(() =>
      QRCode.toBuffer(TEXT, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width }),
    );
    const ours = await measure(() => qrPng(TEXT, { width, margin: 2 }));
    const row = { width, baseline, ours, speedup: round(baseline.meanMs / ours.meanMs) };
    console.log(JSON.stringify(row));
    sizes.push(row);
  }
  return { runs: RUNS, sizes };
}

export function qrMarkdown(qr) {
  return [
    `## QR PNGs (in process, ${qr.runs} codes per size after a warm-up)`,
    '',
    'Baseline: `qrcode`’s own PNG path (pngjs, filtered in JavaScript on the main thread), what the API used before; ours: `platform/qr/qr-png.ts` (Skia draws a rectangle per dark module and encodes off the event loop). Sizes: live e-card 360 px, community QR 512 px, poster code 1200 px.',
    '',
    '| px | baseline ms | ours ms | speed-up | baseline max loop delay ms | ours max loop delay ms |',
    '|---:|---:|---:|---:|---:|---:|',
    ...qr.sizes.map(
      (s) =>
        `| ${s.width} | ${s.baseline.meanMs} | ${s.ours.meanMs} | **${s.speedup}×** | ${s.baseline.maxLoopDelayMs} | ${s.ours.maxLoopDelayMs} |`,
    ),
    '',
  ];
}
