/**
 * The community poster (org/poster-composer): the Chinese font it is set in and an optional logo.
 * POSTER_FONT_PATH names a TrueType/OpenType font (or .ttc collection) with CJK glyphs; unset, the
 * first installed of the usual Debian/Ubuntu CJK fonts is used. Without one the poster routes
 * answer 503 instead of printing empty boxes (tofu). POSTER_LOGO_PATH: a PNG or JPEG for the logo
 * area; unset, a drawn emblem stands in.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface PosterConfig {
  /** The CJK font file, or null when none is installed (poster routes answer 503). */
  fontPath: string | null;
  /** The logo image for the poster's logo area, or null for the drawn emblem. */
  logoPath: string | null;
}

/** Where Debian/Ubuntu (fonts-wqy-microhei, fonts-wqy-zenhei, fonts-noto-cjk) and Alpine put CJK fonts. */
export const CJK_FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc',
];

type Env = Record<string, string | undefined>;

export function readPosterConfig(
  env: Env,
  fail: (msg: string) => Error,
  exists: (path: string) => boolean = existsSync,
): PosterConfig {
  const file = (name: string, kinds: RegExp, what: string): string | null => {
    const raw = env[name]?.trim();
    if (!raw) return null;
    const path = resolve(raw);
    if (!kinds.test(path)) throw fail(`${name} must be ${what}, got "${raw}"`);
    if (!exists(path)) throw fail(`${name} names a file that does not exist: ${path}`);
    return path;
  };
  const fontPath =
    file('POSTER_FONT_PATH', /\.(ttf|ttc|otf|otc)$/i, 'a .ttf, .ttc, .otf or .otc font file') ??
    CJK_FONT_CANDIDATES.find((p) => exists(p)) ??
    null;
  const logoPath = file('POSTER_LOGO_PATH', /\.(png|jpe?g)$/i, 'a .png or .jpg image');
  return { fontPath, logoPath };
}
