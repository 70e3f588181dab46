/**
 * The printable community poster: an A4 page (2480×3508 px, 300 dpi) with the community's name,
 * the title 扫码报到, the code to scan (WeChat's mini-program code, or a QR of the H5 address
 * labelled as such), the three steps, a logo area and a footer; and the same page as a one-page
 * A4 PDF. Drawn with @napi-rs/canvas (Skia) in a CJK font registered once per process.
 */
import { GlobalFonts, createCanvas, loadImage, type Canvas, type Image, type SKRSContext2D } from '@napi-rs/canvas';
import { PosterKind } from '@sbd/contracts';
import { PDFDocument } from 'pdf-lib';

/** The layout is drawn on a 1240×1754 grid (A4 at 150 dpi) and scaled by this factor. */
const SCALE = 2;
const W = 1240;
const H = 1754;
export const POSTER_WIDTH = W * SCALE;
export const POSTER_HEIGHT = H * SCALE;

/** Where the code image sits, in design units (the white square inside the framed card). */
const CODE = { x: 380, y: 690, size: 480 };
/** The code's square in poster pixels: tests decode it, the service asks for an image this large. */
export const POSTER_CODE_BOX = { x: CODE.x * SCALE, y: CODE.y * SCALE, size: CODE.size * SCALE };

/** A4 in PDF points (210 × 297 mm). */
export const A4_POINTS = { width: 595.28, height: 841.89 };

const RED = '#C8161D';
const DARK_RED = '#9E0F15';
const GOLD = '#F6C45B';
const INK = '#2B2B2B';
const GREY = '#6B6B6B';

export const POSTER_CODE_LABEL: Record<PosterKind, string> = {
  [PosterKind.Wxacode]: '微信小程序码 · 微信扫一扫进入报到',
  [PosterKind.Url]: '网页版二维码 · 微信扫一扫打开网页',
};

export const POSTER_STEPS = ['微信扫码', '填写报到信息', '社区审核通过'] as const;

/** The words on the poster; `renderPoster` draws exactly these and no others. */
export interface PosterText {
  /** Above the community's name, in the header band. */
  movement: string;
  community: string;
  street: string | null;
  /** The big title above the code. */
  title: string;
  /** Under the code: what kind of code it is (the H5 one says it opens a web page). */
  codeLabel: string;
  stepsTitle: string;
  steps: readonly string[];
  note: string;
  footer: string;
}

/** What the poster of `c` says (a pure function: tests read it, the drawing uses it). */
export function posterText(c: Pick<PosterContent, 'communityName' | 'streetName' | 'kind'>): PosterText {
  return {
    movement: '在职党员「双报到」',
    community: c.communityName,
    street: c.streetName,
    title: '扫码报到',
    codeLabel: POSTER_CODE_LABEL[c.kind],
    stepsTitle: '报到三步走',
    steps: POSTER_STEPS,
    note: '报到后即可选岗、接单，服务时长自动记录并报回工作单位',
    footer: `${c.communityName}党委  宣`,
  };
}

/** The poster's text as lines, top to bottom (the steps left to right). */
export function posterLines(t: PosterText): string[] {
  const lines = [t.movement, t.community, t.street, t.title, t.codeLabel, t.stepsTitle, ...t.steps, t.note, t.footer];
  return lines.filter((l): l is string => !!l);
}

export interface PosterContent {
  communityName: string;
  streetName: string | null;
  kind: PosterKind;
  /** The code image (PNG or JPEG bytes), drawn into the code square. */
  code: Buffer;
}

export interface PosterStyle {
  /** The family returned by `registerPosterFont`. */
  fontFamily: string;
  /** A PNG/JPEG for the logo area; null draws the emblem placeholder. */
  logoPath: string | null;
}

const families = new Map<string, string | null>();

/**
 * Registers the font file once per process and returns its family name for `ctx.font`, or null
 * when Skia cannot read it.
 */
export function registerPosterFont(path: string): string | null {
  if (!families.has(path)) {
    const family = `SbdPoster${families.size}`;
    families.set(path, GlobalFonts.registerFromPath(path, family) ? family : null);
  }
  return families.get(path) ?? null;
}

type Ctx = SKRSContext2D;

function font(ctx: Ctx, family: string, px: number, weight: 'normal' | 'bold' = 'normal'): void {
  ctx.font = `${weight} ${px}px "${family}"`;
}

/** Writes centred text, shrinking it (down to `minPx`) and then eliding it to fit `maxWidth`. */
function fitText(
  ctx: Ctx,
  family: string,
  text: string,
  y: number,
  px: number,
  maxWidth: number,
  minPx: number,
  weight: 'normal' | 'bold' = 'bold',
) {
  let size = px;
  font(ctx, family, size, weight);
  while (ctx.measureText(text).width > maxWidth && size > minPx) {
    size -= 2;
    font(ctx, family, size, weight);
  }
  let shown = text;
  while (ctx.measureText(shown).width > maxWidth && shown.length > 1) shown = `${shown.slice(0, -2)}…`;
  ctx.fillText(shown, W / 2, y);
}

/** Text with extra space between the characters (titles). */
function spacedText(ctx: Ctx, text: string, cx: number, y: number, spacing: number): void {
  const chars = [...text];
  const widths = chars.map((c) => ctx.measureText(c).width);
  const total = widths.reduce((a, b) => a + b, 0) + spacing * (chars.length - 1);
  let x = cx - total / 2;
  ctx.textAlign = 'left';
  chars.forEach((c, i) => {
    ctx.fillText(c, x, y);
    x += widths[i] + spacing;
  });
  ctx.textAlign = 'center';
}

function star(ctx: Ctx, cx: number, cy: number, outer: number, inner: number): void {
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    ctx.lineTo(cx + r * Math.cos(a), cy + r * Math.sin(a));
  }
  ctx.closePath();
  ctx.fill();
}

/** The logo area: the configured logo in a white disc, or a drawn emblem (gold ring and star). */
function drawLogo(ctx: Ctx, logo: Image | null, cx: number, cy: number, r: number): void {
  ctx.save();
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.fillStyle = logo ? '#FFFFFF' : DARK_RED;
  ctx.fill();
  ctx.lineWidth = 6;
  ctx.strokeStyle = GOLD;
  ctx.stroke();
  if (logo) {
    ctx.clip();
    const side = r * 1.6;
    const k = Math.min(side / logo.width, side / logo.height);
    ctx.drawImage(logo, cx - (logo.width * k) / 2, cy - (logo.height * k) / 2, logo.width * k, logo.height * k);
  } else {
    ctx.beginPath();
    ctx.arc(cx, cy, r - 16, 0, Math.PI * 2);
    ctx.lineWidth = 3;
    ctx.stroke();
    ctx.fillStyle = GOLD;
    star(ctx, cx, cy, r * 0.55, r * 0.22);
  }
  ctx.restore();
}

function roundRect(ctx: Ctx, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

function drawHeader(ctx: Ctx, family: string, t: PosterText, logo: Image | null): void {
  const band = ctx.createLinearGradient(0, 0, 0, 440);
  band.addColorStop(0, '#D9251D');
  band.addColorStop(1, DARK_RED);
  ctx.fillStyle = band;
  ctx.fillRect(0, 0, W, 440);
  ctx.fillStyle = GOLD;
  ctx.fillRect(0, 440, W, 10);

  drawLogo(ctx, logo, W / 2, 118, 74);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = GOLD;
  font(ctx, family, 40);
  spacedText(ctx, t.movement, W / 2, 256, 6);
  ctx.fillStyle = '#FFFFFF';
  fitText(ctx, family, t.community, 350, 88, W - 160, 48);
  if (t.street) {
    ctx.fillStyle = '#FBE3CF';
    fitText(ctx, family, t.street, 408, 36, W - 160, 24, 'normal');
  }
}

/** The framed white card with corner marks that holds the code. */
function drawCodeCard(ctx: Ctx, family: string, c: PosterContent, t: PosterText, code: Image): void {
  const pad = 28;
  const x = CODE.x - pad;
  const y = CODE.y - pad;
  const side = CODE.size + pad * 2;
  ctx.save();
  ctx.shadowColor = 'rgba(0,0,0,0.18)';
  ctx.shadowBlur = 24;
  ctx.shadowOffsetY = 6;
  roundRect(ctx, x, y, side, side, 24);
  ctx.fillStyle = '#FFFFFF';
  ctx.fill();
  ctx.restore();
  ctx.lineWidth = 4;
  ctx.strokeStyle = '#F0D2D3';
  roundRect(ctx, x, y, side, side, 24);
  ctx.stroke();

  // Corner marks, as on scan frames.
  ctx.strokeStyle = RED;
  ctx.lineWidth = 10;
  ctx.lineCap = 'round';
  const m = 14;
  const len = 70;
  for (const [cx, cy, dx, dy] of [
    [x - m, y - m, 1, 1],
    [x + side + m, y - m, -1, 1],
    [x - m, y + side + m, 1, -1],
    [x + side + m, y + side + m, -1, -1],
  ]) {
    ctx.beginPath();
    ctx.moveTo(cx + dx * len, cy);
    ctx.lineTo(cx, cy);
    ctx.lineTo(cx, cy + dy * len);
    ctx.stroke();
  }

  ctx.fillStyle = '#FFFFFF';
  ctx.fillRect(CODE.x, CODE.y, CODE.size, CODE.size);
  // A plain QR keeps hard module edges; WeChat's round code is a smooth image.
  ctx.imageSmoothingEnabled = c.kind === PosterKind.Wxacode;
  ctx.drawImage(code, CODE.x, CODE.y, CODE.size, CODE.size);
  ctx.imageSmoothingEnabled = true;

  const labelY = CODE.y + CODE.size + pad + 70;
  font(ctx, family, 38);
  const label = t.codeLabel;
  const w = ctx.measureText(label).width + 72;
  roundRect(ctx, (W - w) / 2, labelY - 48, w, 68, 34);
  ctx.fillStyle = c.kind === PosterKind.Url ? '#FFF1E0' : '#FDECEC';
  ctx.fill();
  ctx.fillStyle = c.kind === PosterKind.Url ? '#A15C00' : DARK_RED;
  ctx.textAlign = 'center';
  ctx.fillText(label, W / 2, labelY);
}

function arrow(ctx: Ctx, x: number, y: number): void {
  ctx.strokeStyle = '#D8A7A9';
  ctx.lineWidth = 6;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  ctx.moveTo(x - 40, y);
  ctx.lineTo(x + 40, y);
  ctx.moveTo(x + 20, y - 18);
  ctx.lineTo(x + 40, y);
  ctx.lineTo(x + 20, y + 18);
  ctx.stroke();
}

function drawSteps(ctx: Ctx, family: string, t: PosterText): void {
  const top = 1356;
  ctx.fillStyle = INK;
  ctx.textAlign = 'center';
  font(ctx, family, 40, 'bold');
  spacedText(ctx, t.stepsTitle, W / 2, top, 8);
  ctx.strokeStyle = '#E8C9CA';
  ctx.lineWidth = 3;
  for (const [a, b] of [
    [220, 470],
    [770, 1020],
  ]) {
    ctx.beginPath();
    ctx.moveTo(a, top - 14);
    ctx.lineTo(b, top - 14);
    ctx.stroke();
  }
  const cy = top + 90;
  const xs = [W / 2 - 370, W / 2, W / 2 + 370];
  t.steps.forEach((text, i) => {
    const x = xs[i];
    ctx.beginPath();
    ctx.arc(x, cy, 50, 0, Math.PI * 2);
    ctx.fillStyle = RED;
    ctx.fill();
    ctx.fillStyle = '#FFFFFF';
    font(ctx, family, 60, 'bold');
    ctx.textBaseline = 'middle';
    ctx.fillText(String(i + 1), x, cy + 3);
    ctx.textBaseline = 'alphabetic';
    ctx.fillStyle = INK;
    font(ctx, family, 40);
    ctx.fillText(text, x, cy + 114);
    if (i < t.steps.length - 1) arrow(ctx, x + 185, cy);
  });
}

function drawFooter(ctx: Ctx, family: string, t: PosterText): void {
  ctx.fillStyle = GREY;
  ctx.textAlign = 'center';
  font(ctx, family, 30);
  ctx.fillText(t.note, W / 2, 1620);
  ctx.fillStyle = GOLD;
  ctx.fillRect(0, 1654, W, 6);
  ctx.fillStyle = RED;
  ctx.fillRect(0, 1660, W, H - 1660);
  ctx.fillStyle = '#FFFFFF';
  fitText(ctx, family, t.footer, 1718, 32, W - 120, 24, 'normal');
}

/** Draws the poster on a 2480×3508 canvas (encode it with `posterPng` or `posterPdf`). */
export async function renderPoster(c: PosterContent, style: PosterStyle): Promise<Canvas> {
  const [code, logo] = await Promise.all([
    loadImage(c.code),
    // A logo file that is no longer readable falls back to the drawn emblem rather than failing the poster.
    style.logoPath ? loadImage(style.logoPath).catch(() => null) : Promise.resolve(null),
  ]);
  const canvas = createCanvas(POSTER_WIDTH, POSTER_HEIGHT);
  const ctx = canvas.getContext('2d');
  ctx.scale(SCALE, SCALE);
  ctx.fillStyle = '#FFFDF9';
  ctx.fillRect(0, 0, W, H);
  const text = posterText(c);
  drawHeader(ctx, style.fontFamily, text, logo);

  ctx.fillStyle = RED;
  ctx.textAlign = 'center';
  font(ctx, style.fontFamily, 132, 'bold');
  spacedText(ctx, text.title, W / 2, 598, 28);

  drawCodeCard(ctx, style.fontFamily, c, text, code);
  drawSteps(ctx, style.fontFamily, text);
  drawFooter(ctx, style.fontFamily, text);
  return canvas;
}

export function posterPng(canvas: Canvas): Promise<Buffer> {
  return canvas.encode('png');
}

/**
 * One A4 page with the poster over the whole page. The image goes in as a high-quality JPEG:
 * pdf-lib embeds JPEG bytes as they are, while it would decode and re-compress a PNG of this
 * size in JavaScript for seconds.
 */
export async function posterPdf(canvas: Canvas, title: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setCreator('双报到');
  pdf.setProducer('双报到');
  const image = await pdf.embedJpg(await canvas.encode('jpeg', 95));
  const page = pdf.addPage([A4_POINTS.width, A4_POINTS.height]);
  page.drawImage(image, { x: 0, y: 0, width: A4_POINTS.width, height: A4_POINTS.height });
  return Buffer.from(await pdf.save());
}
