import Taro from '@tarojs/taro';
import { isH5 } from './env';
import {
  ApiError,
  buildUrl,
  endSession,
  httpError,
  isApiError,
  lastWriteHeader,
  refreshTokens,
  showErrorToast,
  transportError,
  type QueryValue,
} from './request';
import { getSession } from './session';

/**
 * Files the API answers only with the Authorization header (Excel exports, templates, the printable
 * annual report). H5: fetched as a blob and saved through an <a download>; weapp: Taro.downloadFile
 * with the header, then Taro.openDocument (WeChat's viewer can forward, save and print it).
 * The token is refreshed once on 401, like every other request; failures are toasted in Chinese.
 */

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOWNLOAD_TIMEOUT_MS = 60_000;

export interface FileRequest {
  path: string;
  query?: Record<string, QueryValue>;
  /** File name to save under when the answer does not name one. */
  filename: string;
}

/** The file name of a Content-Disposition header (RFC 5987 `filename*` first), or null. */
export function filenameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain ? plain[1].trim() : null;
}

/** The Authorization header, and the session's last write stamp (exports read what it just wrote). */
export function authHeader(): Record<string, string> {
  const token = getSession()?.accessToken;
  return token ? { Authorization: `Bearer ${token}`, ...lastWriteHeader() } : {};
}

/** Runs `send` with the token; on 401 refreshes once and retries; a second 401 ends the session. */
export async function withToken<R extends { status: number }>(send: () => Promise<R>): Promise<R> {
  const hadToken = !!getSession()?.accessToken;
  let res = await send();
  if (res.status === 401) {
    if (getSession()?.refreshToken && (await refreshTokens()) === 'ok') res = await send();
    if (res.status === 401) throw endSession(hadToken, true);
  }
  return res;
}

function fail(e: unknown): ApiError {
  const err = isApiError(e) ? e : transportError(e);
  showErrorToast(err.message);
  return err;
}

/* ───────────── H5 ───────────── */

async function h5Fetch(req: FileRequest, accept: string): Promise<{ status: number; res: Response }> {
  try {
    const res = await fetch(buildUrl(req.path, req.query), {
      headers: { Accept: `${accept}, application/json`, ...authHeader() },
    });
    return { status: res.status, res };
  } catch (e) {
    throw transportError(e);
  }
}

async function h5Blob(req: FileRequest, accept: string): Promise<{ blob: Blob; filename: string }> {
  const { res } = await withToken(() => h5Fetch(req, accept));
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => null);
    throw httpError(res.status, body);
  }
  const blob = await res.blob();
  return { blob, filename: filenameFromDisposition(res.headers.get('Content-Disposition')) ?? req.filename };
}

/** Saves a blob under `filename` through a temporary <a download>. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/* ───────────── weapp ───────────── */

/** The error body WeChat wrote into the temp file of a failed download. */
function readErrorBody(tempFilePath: string): unknown {
  try {
    const text = Taro.getFileSystemManager().readFileSync(tempFilePath, 'utf8');
    return typeof text === 'string' ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

async function weappDownload(req: FileRequest): Promise<string> {
  const send = async () => {
    try {
      const r = await Taro.downloadFile({
        url: buildUrl(req.path, req.query),
        header: authHeader(),
        timeout: DOWNLOAD_TIMEOUT_MS,
      });
      return { status: r.statusCode, tempFilePath: r.tempFilePath };
    } catch (e) {
      throw transportError(e);
    }
  };
  const res = await withToken(send);
  if (res.status < 200 || res.status >= 300) throw httpError(res.status, readErrorBody(res.tempFilePath));
  return res.tempFilePath;
}

/* ───────────── API ───────────── */

/**
 * Downloads an Excel file: H5 saves it (the browser's downloads), weapp opens it in WeChat's
 * document viewer. Resolves true when done, false after a (toasted) failure.
 */
export function downloadXlsx(req: FileRequest): Promise<boolean> {
  return downloadDocument(req, XLSX_MIME, 'xlsx');
}

/** Downloads a PDF (the printable poster) the same way: saved on H5, opened in WeChat's viewer. */
export function downloadPdf(req: FileRequest): Promise<boolean> {
  return downloadDocument(req, 'application/pdf', 'pdf');
}

async function downloadDocument(req: FileRequest, mime: string, fileType: 'xlsx' | 'pdf'): Promise<boolean> {
  try {
    if (isH5()) {
      const { blob, filename } = await h5Blob(req, mime);
      saveBlob(blob, filename);
      return true;
    }
    const filePath = await weappDownload(req);
    try {
      await Taro.openDocument({ filePath, fileType, showMenu: true });
    } catch {
      showErrorToast('文件已下载，但无法打开，请在电脑端查看');
      return false;
    }
    return true;
  } catch (e) {
    fail(e);
    return false;
  }
}

/**
 * H5 only: opens an HTML page of the API (the printable annual report) in a new tab. The tab is
 * opened at once, inside the tap, so pop-up blockers let it through, and shows the page when it has
 * arrived; when no tab can be opened, the page is saved as a file instead.
 */
export async function openHtmlPage(req: FileRequest): Promise<boolean> {
  const tab = typeof window !== 'undefined' && typeof window.open === 'function' ? window.open('', '_blank') : null;
  try {
    const { blob, filename } = await h5Blob(req, 'text/html');
    const html = new Blob([blob], { type: 'text/html;charset=utf-8' });
    if (tab) {
      tab.location.href = URL.createObjectURL(html);
    } else {
      saveBlob(html, filename);
    }
    return true;
  } catch (e) {
    tab?.close();
    fail(e);
    return false;
  }
}
