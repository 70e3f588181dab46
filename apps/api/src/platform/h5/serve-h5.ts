import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Text assets worth compressing (images and fonts are compressed already). */
const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.json', '.svg', '.txt', '.map']);
/** Smaller files gain nothing from gzip. */
const MIN_BYTES = 1024;

/**
 * Hashed bundles never change: cached for a year; everything else is revalidated. Taro/webpack
 * hashes are lower-case hex, esbuild's (the console) eight upper-case base32 characters.
 */
export function cacheControlFor(file: string): string {
  return /\.([0-9a-f]{8,}|[A-Z2-7]{8})\.(js|css)$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** A gzipped file and its ETag, both computed once. */
interface Gzipped {
  body: Buffer;
  etag: string;
}

/** The API's own paths: never files of a web build (and not worth a file lookup on every call). */
export const isApiPath = (path: string): boolean => /^\/(api|health)(\/|$)/.test(path);

/** Every compressible file of the build, gzipped once at start-up, by URL path ("/js/app.1a2b3c4d.js"). */
export function precompress(dir: string): Map<string, Gzipped> {
  const out = new Map<string, Gzipped>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const file = join(folder, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (COMPRESSIBLE.has(extname(name)) && statSync(file).size >= MIN_BYTES) {
        const body = gzipSync(readFileSync(file), { level: 9 });
        const etag = `W/"${body.length.toString(16)}-${createHash('sha1').update(body).digest('base64url')}"`;
        out.set(`/${relative(dir, file).split(sep).join('/')}`, { body, etag });
      }
    }
  };
  walk(dir);
  return out;
}

/**
 * Serves a single-page web build from the API's own origin under `base` ('' for the mini-program's
 * H5 build at the root, '/console' for the PC console): text assets gzipped (once, at start-up)
 * for browsers that accept it, the rest as files, and index.html for any other page path under
 * `base` without a file extension (history routing). Members open the H5 on phones, often on mobile data: the first load is
 * about a third of its raw size.
 */
export function serveWebApp(app: INestApplication, dir: string, base: '' | `/${string}` = ''): void {
  const server = app.getHttpAdapter().getInstance() as express.Express;
  const router = express.Router();
  const gzipped = precompress(dir);
  const index = join(dir, 'index.html');

  const sendGzipped = (req: Request, res: Response, path: string, file: string): boolean => {
    const gz = gzipped.get(path);
    if (!gz) return false;
    res.setHeader('Vary', 'Accept-Encoding');
    if (!req.acceptsEncodings('gzip')) return false;
    res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Cache-Control', cacheControlFor(file));
    res.type(extname(file));
    // The app generates no ETags (its API answers are per user): this one was computed at start-up,
    // and res.send answers 304 to a matching If-None-Match.
    res.setHeader('ETag', gz.etag);
    res.send(gz.body);
    return true;
  };

  router.use((req: Request, res: Response, next: NextFunction) => {
    // The API's routes come after this router: step aside before looking for a file. The lookup
    // (an fs.stat per request) cost a sixth of a feed request's CPU, and a file of the build
    // named like a route must not shadow the API.
    if (!base && isApiPath(req.path)) return next('router');
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = req.path === '/' ? '/index.html' : req.path;
    if (!sendGzipped(req, res, path, path)) next();
  });
  router.use(
    express.static(dir, {
      index: 'index.html',
      redirect: false, // '/console' is a page path like any other, not a redirect to '/console/'
      setHeaders: (res, file) => res.setHeader('Cache-Control', cacheControlFor(file)),
    }),
  );
  router.use((req: Request, res: Response, next: NextFunction) => {
    const path = `${base}${req.path}`;
    // A missing file (a path with an extension) is a 404, not the page.
    const isPage = extname(req.path) === '' && req.accepts('html');
    if (req.method !== 'GET' || isApiPath(path) || !isPage) {
      return next();
    }
    if (sendGzipped(req, res, '/index.html', index)) return;
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  if (base) server.use(base, router);
  else server.use(router);
}
