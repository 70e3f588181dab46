/**
 * The screenshot run's web server (screenshots.mjs): dist/h5 with the index.html fallback for
 * non-/api paths (like the API does), and the fixtures for /api/* (503 when none applies).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { FIXTURES } from './screenshots-fixtures.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** A request handler for node:http serving `root` (dist/h5). */
export function serveH5(root) {
  return (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) {
      const fixture = FIXTURES[url.pathname] ?? {
        status: 503,
        body: { code: 'UPSTREAM_UNAVAILABLE', message: '服务暂时不可用（截图环境无 API）', details: [] },
      };
      res.writeHead(fixture.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(fixture.body));
      return;
    }
    let file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  };
}
