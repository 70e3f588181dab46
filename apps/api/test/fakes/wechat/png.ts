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

function makePng(
  width: number,
  height: number,
  grey = (x: number, y: number) => ((x + y) % 2 === 0 ? 0x00 : 0xff),
): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < width; x++) rows.push(grey(x, y));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The 8×8 PNG served as a mini-program code. */
export function fakePng(): Buffer {
  return (pngCache ??= makePng(8, 8));
}

/**
 * A black-on-white QR code of `text`, `width` px square with a 4-module quiet zone. WeChat's round
 * mini-program code can only be read by WeChat, so the fake draws a QR of what scanning one
 * delivers instead, and specs decode it with jsQR.
 */
export function sceneQrPng(text: string, width: number): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = modules.size + 8;
  const px = Math.max(1, Math.floor(width / count));
  const side = px * count;
  const offset = Math.floor((width - side) / 2);
  return makePng(width, width, (x, y) => {
    const col = Math.floor((x - offset) / px) - 4;
    const row = Math.floor((y - offset) / px) - 4;
    const inside = col >= 0 && row >= 0 && col < modules.size && row < modules.size;
    return inside && modules.get(row, col) ? 0x00 : 0xff;
  });
}
