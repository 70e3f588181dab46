/** The plumbing every fake endpoint shares: the recorded request, the reply in WeChat's shape, the failure knobs' queues. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/sns/jscode2session`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, the raw text when it is not JSON, or null when empty. */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** A one-shot failure armed by a `...Next(n)` knob; `path` limits it to one endpoint. */
export interface Armed {
  remaining: number;
  path?: string;
}

/** Writes a response, optionally holding the body back after the headers went out. */
export class Reply {
  constructor(
    private readonly res: ServerResponse,
    private readonly stallMs: number,
    private readonly timers: Set<NodeJS.Timeout>,
  ) {}

  json(payload: unknown): void {
    // WeChat's own content type for JSON answers.
    this.raw(200, 'application/json; encoding=utf-8', JSON.stringify(payload));
  }

  error(errcode: number, errmsg: string): void {
    this.json({ errcode, errmsg: `${errmsg}, rid: ${hex(4)}-${hex(4)}-${hex(4)}` });
  }

  raw(status: number, contentType: string, body: string | Buffer): void {
    const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const res = this.res;
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': contentType, 'content-length': String(buf.length) });
    if (this.stallMs <= 0) {
      res.end(buf);
      return;
    }
    res.flushHeaders();
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!res.destroyed) res.end(buf);
    }, this.stallMs);
    this.timers.add(t);
  }
}

export function take<T extends Armed>(queue: T[], path: string | undefined): T | undefined {
  const i = queue.findIndex((a) => a.remaining > 0 && (a.path === undefined || a.path === path));
  if (i < 0) return undefined;
  const armed = queue[i];
  armed.remaining -= 1;
  if (armed.remaining === 0) queue.splice(i, 1);
  return armed;
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
