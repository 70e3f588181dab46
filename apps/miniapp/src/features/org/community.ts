/**
 * Where the community code comes from:
 * - weapp: the mini-program code's `scene` (decodeURIComponent(options.scene)), e.g. "A1B2C3"
 *   (a "c=A1B2C3" / "community=A1B2C3" form is accepted too);
 * - H5: `?community=CODE` on /packageMember/pages/register/index;
 * - a scan inside the app: a mini-program path with scene=…, an H5 URL with community=…, or the
 *   bare code.
 */
import { PAGES, pageUrl } from '@sbd/contracts';

const CODE_PATTERN = /^[A-Za-z0-9_-]{2,64}$/;

export function normalizeCode(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let v = String(raw).trim();
  try {
    v = decodeURIComponent(v);
  } catch {
    // keep as is
  }
  const kv = /(?:^|[?&])(?:c|community|code|communityCode)=([^&]+)/.exec(v);
  if (kv) v = kv[1];
  return CODE_PATTERN.test(v) ? v : null;
}

export function communityCodeFromParams(params: Record<string, string | undefined> | undefined): string | null {
  if (!params) return null;
  return normalizeCode(params.community) ?? normalizeCode(params.scene) ?? normalizeCode(params.code);
}

/** Reads a community code out of a Taro.scanCode result. */
export function communityCodeFromScan(result: { result?: string; path?: string }): string | null {
  for (const text of [result.path, result.result]) {
    if (!text) continue;
    const m = /[?&](?:scene|community)=([^&#]+)/.exec(text);
    if (m) {
      const code = normalizeCode(m[1]);
      if (code) return code;
    }
  }
  return normalizeCode(result.result);
}

/** The H5 address of the register page for a community (what a plain QR code / poster links to). */
export function h5RegisterPath(code: string): string {
  return pageUrl(PAGES.register, { community: code });
}
