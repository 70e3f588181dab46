/**
 * A minimal greyscale PNG encoder, so the images the fake serves are real: a small checkerboard
 * (`fakePng`, also used by upload specs) and the stand-in for a mini-program code (`sceneQrPng`).
 */
import { deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

let pngCache: Buffer | undefined;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([len, typeAndData, crc]);
}

/** A greyscale PNG from its pixel rows (`width + 1` bytes each: filter byte 0, then the pixels). */
function encodeGrey(width: number, height: number, rows: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function makePng(width: number, height: number): Buffer {
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows[y * (width + 1) + 1 + x] = (x + y) % 2 === 0 ? 0x00 : 0xff;
  }
  return encodeGrey(width, height, rows);
}

/** An 8×8 checkerboard PNG (WechatFakeServer.PNG). */
export function fakePng(): Buffer {
  return (pngCache ??= makePng(8, 8));
}

/**
 * A black-on-white QR code of `text`, `width` px square with a 4-module quiet zone. WeChat's round
 * mini-program code can only be read by WeChat, so the fake draws a QR of what scanning one
 * delivers instead, and specs decode it with jsQR.
 */
export function sceneQrPng(text: string, width: number): Buffer {
  const key = `${width} ${text}`;
  let png = qrCache.get(key);
  if (!png) {
    png = drawQr(text, width);
    if (qrCache.size > 100) qrCache.clear();
    qrCache.set(key, png);
  }
  return png;
}

const qrCache = new Map<string, Buffer>();

function drawQr(text: string, width: number): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = modules.size + 8;
  const px = Math.max(1, Math.floor(width / count));
  const offset = Math.floor((width - px * count) / 2) + 4 * px;
  const stride = width + 1;
  const rows = Buffer.alloc(stride * width, 0xff);
  for (let y = 0; y < width; y++) rows[y * stride] = 0; // filter: none
  for (let row = 0; row < modules.size; row++) {
    const line = Buffer.alloc(stride, 0xff);
    line[0] = 0;
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) line.fill(0x00, 1 + offset + col * px, 1 + offset + (col + 1) * px);
    }
    for (let k = 0; k < px; k++) line.copy(rows, (offset + row * px + k) * stride);
  }
  return encodeGrey(width, width, rows);
}
