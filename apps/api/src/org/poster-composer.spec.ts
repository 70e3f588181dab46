/**
 * What the community poster says: the community's name, 扫码报到, the three steps and, on the H5
 * poster, that the code opens a web page. `posterText` is read here, and a render records every
 * `fillText` to show that the drawing sets exactly those lines.
 */
import { createCanvas } from '@napi-rs/canvas';
import { PosterKind } from '@sbd/contracts';
import { posterLines, posterText, renderPoster, type PosterContent } from './poster-composer';

const CONTENT = { communityName: '幸福里社区', streetName: '和平桥街道', kind: PosterKind.Wxacode };

/** The lines a render draws: consecutive fillText calls on one baseline (spaced titles) joined. */
async function drawnLines(c: PosterContent): Promise<string[]> {
  const proto = Object.getPrototypeOf(createCanvas(1, 1).getContext('2d')) as {
    fillText(text: string, x: number, y: number): void;
  };
  const fillText = jest.spyOn(proto, 'fillText');
  try {
    // No CJK font is needed to see which text is set; a missing family falls back.
    await renderPoster(c, { fontFamily: 'sans-serif', logoPath: null });
    const lines: { y: number; text: string }[] = [];
    for (const [text, , y] of fillText.mock.calls) {
      const last = lines.at(-1);
      if (last && last.y === y) last.text += text;
      else lines.push({ y, text });
    }
    return lines.map((l) => l.text);
  } finally {
    fillText.mockRestore();
  }
}

async function codeImage(): Promise<Buffer> {
  const canvas = createCanvas(64, 64);
  canvas.getContext('2d').fillRect(8, 8, 48, 48);
  return canvas.encode('png');
}

describe('the poster text', () => {
  it('names the community and its street, says 扫码报到 and the three steps, and labels the mini-program code', () => {
    const t = posterText(CONTENT);
    expect(t.community).toBe('幸福里社区');
    expect(t.street).toBe('和平桥街道');
    expect(t.title).toBe('扫码报到');
    expect(t.steps).toEqual(['微信扫码', '填写报到信息', '社区审核通过']);
    expect(t.codeLabel).toBe('微信小程序码 · 微信扫一扫进入报到');
    expect(t.footer).toBe('幸福里社区党委  宣');
    expect(posterLines(t)).toEqual([
      '在职党员「双报到」',
      '幸福里社区',
      '和平桥街道',
      '扫码报到',
      '微信小程序码 · 微信扫一扫进入报到',
      '报到三步走',
      '微信扫码',
      '填写报到信息',
      '社区审核通过',
      '报到后即可选岗、接单，服务时长自动记录并报回工作单位',
      '幸福里社区党委  宣',
    ]);
  });

  it('says on the H5 poster that the code opens a web page, and leaves out a missing street', () => {
    const t = posterText({ ...CONTENT, streetName: null, kind: PosterKind.Url });
    expect(t.codeLabel).toBe('网页版二维码 · 微信扫一扫打开网页');
    expect(posterLines(t)).not.toContain('微信小程序码 · 微信扫一扫进入报到');
    expect(posterLines(t)).toHaveLength(10);
  });
});

describe('the drawn poster', () => {
  it.each([PosterKind.Wxacode, PosterKind.Url])('%s: draws exactly the text lines, in order', async (kind) => {
    const content = { ...CONTENT, kind, code: await codeImage() };
    const drawn = await drawnLines(content);
    // The step numbers are drawn in their discs between the steps' words.
    expect(drawn.filter((l) => !/^\d$/.test(l))).toEqual(posterLines(posterText(content)));
    expect(drawn.filter((l) => /^\d$/.test(l))).toEqual(['1', '2', '3']);
    expect(drawn).toContain(
      kind === PosterKind.Url ? '网页版二维码 · 微信扫一扫打开网页' : '微信小程序码 · 微信扫一扫进入报到',
    );
  });
});
