import { createCanvas, loadImage } from '@napi-rs/canvas';
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { qrPng, qrPngDataUrl } from './qr-png';

async function pixels(png: Buffer): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const img = await loadImage(png);
  const ctx = createCanvas(img.width, img.height).getContext('2d');
  ctx.drawImage(img, 0, 0);
  const { data } = ctx.getImageData(0, 0, img.width, img.height);
  return { width: img.width, height: img.height, data: new Uint8ClampedArray(data) };
}

describe('qrPng', () => {
  const url = 'https://sbd.example.test/packageMember/pages/register/index?community=C0000123';

  it.each([360, 512, 1200])('draws a %i-px square code a phone reads back', async (width) => {
    const { width: w, height: h, data } = await pixels(await qrPng(url, { width, margin: 2 }));
    expect([w, h]).toEqual([width, width]);
    expect(jsQR(data, w, h)?.data).toBe(url);
  });

  it('has sharp edges: every pixel is pure black or pure white', async () => {
    const { data } = await pixels(await qrPng(url, { width: 517, margin: 2 }));
    const grey = data.filter((v, i) => i % 4 !== 3 && v !== 0 && v !== 255);
    expect(grey.length).toBe(0);
  });

  it('keeps at least the asked quiet zone, white all round', async () => {
    const margin = 4;
    const { width, data } = await pixels(await qrPng(url, { width: 400, margin }));
    const size = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules.size;
    const modulePx = Math.floor(400 / (size + 2 * margin));
    expect(modulePx).toBeGreaterThan(1);
    for (let i = 0; i < margin * modulePx; i++) {
      for (const [x, y] of [
        [i, width >> 1],
        [width - 1 - i, width >> 1],
        [width >> 1, i],
        [width >> 1, width - 1 - i],
      ]) {
        expect(data[(y * width + x) * 4]).toBe(255);
      }
    }
  });

  it('grows a code that does not fit the width to one pixel per module rather than losing modules', async () => {
    const { width, data, height } = await pixels(await qrPng(url, { width: 10, margin: 1 }));
    expect(width).toBeGreaterThan(10);
    expect(jsQR(data, width, height)).not.toBeNull();
  });

  it('gives a data address of the same PNG', async () => {
    const dataUrl = await qrPngDataUrl('SBD000042.abc', { width: 360, margin: 1 });
    expect(dataUrl.startsWith('data:image/png;base64,')).toBe(true);
    const png = Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64');
    const { width, height, data } = await pixels(png);
    expect(jsQR(data, width, height)?.data).toBe('SBD000042.abc');
  });
});
