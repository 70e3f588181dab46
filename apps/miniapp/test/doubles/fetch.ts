/**
 * window.fetch for the H5 file paths (downloads, the roster upload), which bypass Taro.request:
 * `handler(call)` answers { status, body | blob, headers } or undefined (→ 404). Also records the
 * files saved through an <a download>.
 */

export interface FetchCall {
  url: string;
  path: string;
  query: URLSearchParams;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  blob?: Blob;
  headers?: Record<string, string>;
}

export function fakeFetch(handler: (call: FetchCall) => FakeAnswer | undefined): FetchCall[] {
  const calls: FetchCall[] = [];
  const fn = jest.fn(
    async (url: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) => {
      const u = new URL(url, 'http://h5.local');
      const call: FetchCall = {
        url,
        path: u.pathname,
        query: u.searchParams,
        method: init.method ?? 'GET',
        headers: init.headers ?? {},
        body: init.body,
      };
      calls.push(call);
      const a = handler(call) ?? { status: 404, body: { code: 'NOT_FOUND', message: '不存在', details: [] } };
      const headers = new Map(Object.entries(a.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      return {
        ok: a.status >= 200 && a.status < 300,
        status: a.status,
        headers: { get: (k: string) => headers.get(k.toLowerCase()) ?? null },
        json: async () => {
          if (a.body === undefined) throw new SyntaxError('no JSON');
          return a.body;
        },
        blob: async () => a.blob ?? new Blob([JSON.stringify(a.body ?? '')]),
      };
    },
  );
  (globalThis as unknown as { fetch: unknown }).fetch = fn;
  return calls;
}

export interface SavedFile {
  name: string;
  blob: Blob;
}

/** Records what saveBlob hands to the browser (jsdom has no object URLs and no downloads). */
export function captureDownloads(): SavedFile[] {
  const saved: SavedFile[] = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  (URL as unknown as { createObjectURL: (b: Blob) => string }).createObjectURL = (b: Blob) => {
    const url = `blob:test/${++n}`;
    blobs.set(url, b);
    return url;
  };
  (URL as unknown as { revokeObjectURL: (u: string) => void }).revokeObjectURL = () => undefined;
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: blobs.get(this.getAttribute('href') ?? '') as Blob });
  });
  return saved;
}
