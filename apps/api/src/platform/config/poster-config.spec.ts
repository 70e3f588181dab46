import { CJK_FONT_CANDIDATES, readPosterConfig } from './poster-config';

const fail = (msg: string) => new Error(msg);
const only =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);

describe('poster config (POSTER_FONT_PATH, POSTER_LOGO_PATH)', () => {
  it('uses the first installed CJK font when none is configured', () => {
    const exists = only(CJK_FONT_CANDIDATES[2], CJK_FONT_CANDIDATES[3]);
    expect(readPosterConfig({}, fail, exists)).toEqual({ fontPath: CJK_FONT_CANDIDATES[2], logoPath: null });
  });

  it('has no font when none is installed: the poster routes answer 503', () => {
    expect(readPosterConfig({}, fail, only()).fontPath).toBeNull();
  });

  it('takes the configured font and logo, and refuses missing files or other kinds at start-up', () => {
    const env = { POSTER_FONT_PATH: '/opt/fonts/SourceHanSans.otf', POSTER_LOGO_PATH: '/opt/logo.png' };
    expect(readPosterConfig(env, fail, only(env.POSTER_FONT_PATH, env.POSTER_LOGO_PATH))).toEqual({
      fontPath: env.POSTER_FONT_PATH,
      logoPath: env.POSTER_LOGO_PATH,
    });
    expect(() => readPosterConfig(env, fail, only(env.POSTER_LOGO_PATH, CJK_FONT_CANDIDATES[0]))).toThrow(
      'POSTER_FONT_PATH names a file that does not exist: /opt/fonts/SourceHanSans.otf',
    );
    expect(() => readPosterConfig({ POSTER_FONT_PATH: '/opt/font.woff2' }, fail, () => true)).toThrow(
      /POSTER_FONT_PATH must be a \.ttf, \.ttc, \.otf or \.otc font file/,
    );
    expect(() => readPosterConfig({ POSTER_LOGO_PATH: '/opt/logo.svg' }, fail, () => true)).toThrow(
      /POSTER_LOGO_PATH must be a \.png or \.jpg image/,
    );
  });
});
