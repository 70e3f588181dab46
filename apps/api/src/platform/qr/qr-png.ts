import { createCanvas } from '@napi-rs/canvas';
import QRCode from 'qrcode';

export interface QrPngOptions {
  /** The image's side in pixels. */
  width: number;
  /** The quiet zone around the code, in modules (at least this; the rounding adds to it). */
  margin: number;
}

/**
 * A black-on-white QR code (error correction M) as a PNG, `width` px square. Each module is a whole
 * number of pixels, so the edges are sharp at any size; what the rounding leaves goes to the quiet
 * zone. Skia draws it (a rectangle per dark module) and encodes it off the event loop, where
 * `qrcode`'s own PNG path filters every pixel in JavaScript on the main thread: about 2.4× faster
 * for a poster's 1200-px code, 2× for the others (`node bench/run.mjs qr`, bench/results/latest.md).
 */
export async function qrPng(text: string, opts: QrPngOptions): Promise<Buffer> {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = modules.size + 2 * opts.margin;
  const px = Math.max(1, Math.floor(opts.width / count));
  const side = Math.max(opts.width, px * count);
  const offset = Math.floor((side - px * modules.size) / 2);
  const canvas = createCanvas(side, side);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, side, side);
  ctx.fillStyle = '#000000';
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) ctx.fillRect(offset + col * px, offset + row * px, px, px);
    }
  }
  return canvas.encode('png');
}

/** The same code as a `data:image/png;base64,…` address, for an <image> on the phone. */
export async function qrPngDataUrl(text: string, opts: QrPngOptions): Promise<string> {
  return `data:image/png;base64,${(await qrPng(text, opts)).toString('base64')}`;
}
