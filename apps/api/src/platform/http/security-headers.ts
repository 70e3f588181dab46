import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `'sha256-…'` sources for the inline <script>s of the H5 build's index.html (Taro inlines the few
 * lines that size the root font), so they run under a CSP that has no 'unsafe-inline' for scripts.
 */
export function inlineScriptHashes(h5Dir: string | null | undefined): string[] {
  const index = h5Dir ? join(h5Dir, 'index.html') : null;
  if (!index || !existsSync(index)) return [];
  const html = readFileSync(index, 'utf8');
  const out: string[] = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    out.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  }
  return out;
}

/**
 * The Content-Security-Policy of everything the API serves: JSON, the H5 app and the API docs.
 * - scripts: own files only, plus the hashes of index.html's inline scripts;
 * - styles: own files and inline (Taro's components and swagger-ui set inline styles);
 * - images: own, data: (icons in the CSS of Taro and swagger-ui) and blob: (an image chosen for
 *   upload is previewed, and read for the upload, through a blob: URL);
 * - fetch/XHR: own origin and blob: (Taro's H5 uploadFile reads the chosen file's blob: URL);
 * - never framed, no plugins, no <base> or form posts elsewhere.
 * No upgrade-insecure-requests: TLS ends at the reverse proxy, and plain-HTTP set-ups (local,
 * tests) would break; HSTS comes with the HTTPS origin.
 */
export function contentSecurityPolicy(scriptHashes: string[]): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    'script-src': ["'self'", ...scriptHashes],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'worker-src': ["'none'"],
  };
}

/**
 * helmet's headers on every response (API, H5, docs): the CSP above, X-Content-Type-Options:
 * nosniff, X-Frame-Options: DENY, Referrer-Policy: strict-origin-when-cross-origin (a shared page
 * link must not carry its path and query to other sites, but same-origin requests keep it),
 * Cross-Origin-Opener-Policy: same-origin, HSTS (honoured only over HTTPS), no X-Powered-By.
 * Cross-Origin-Resource-Policy stays cross-origin: the WeChat mini-program shows uploaded photos
 * and QR codes from another origin (its webview), which same-origin would block.
 *
 * The headers depend on nothing in the request, so helmet runs once at start-up and the
 * middleware only replays what it set (helmet itself rebuilds them on every response).
 */
export function securityHeaders(h5Dir: string | null | undefined): RequestHandler {
  const headers = headersSetBy(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(inlineScriptHashes(h5Dir)) },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      crossOriginEmbedderPolicy: false,
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      crossOriginOpenerPolicy: { policy: 'same-origin' },
    }),
  );
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/** The headers a middleware sets on a response, run once against a recorder. */
function headersSetBy(middleware: RequestHandler): [string, string][] {
  const set = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: unknown) => set.set(name, String(value)),
    removeHeader: (name: string) => set.delete(name),
  };
  let done = false;
  middleware({} as Request, recorder as unknown as Response, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    done = true;
  });
  if (!done) throw new Error('security headers: the middleware did not finish synchronously');
  return [...set];
}
