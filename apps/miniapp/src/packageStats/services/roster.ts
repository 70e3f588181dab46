import Taro from '@tarojs/taro';
import { ROSTER_MAX_BYTES, ROUTES, type RosterImportReport, type RosterUploadQuery } from '@sbd/contracts';
import { isH5 } from '@/platform/env';
import { authHeader, withToken, XLSX_MIME } from '@/platform/download';
import { buildUrl, callPath, messageFromResponse, transportError, isApiError } from '@/platform/request';
import { reportOf } from '@/packageStats/utils/roster';

/**
 * Picking and uploading the unit roster (.xlsx, multipart field `file`). H5: a file input and
 * fetch(FormData); weapp: a file from a WeChat chat (chooseMessageFile) and Taro.uploadFile. The
 * picked file is kept so "只导入有效行" can send it again with confirmValidOnly=true.
 */

export interface PickedFile {
  name: string;
  size: number;
  /** H5: the File. */
  blob?: Blob;
  /** weapp: the temp path. */
  path?: string;
}

export type UploadOutcome =
  | { kind: 'imported'; report: RosterImportReport }
  /** Nothing written: the per-row report (400 VALIDATION_FAILED with `report`). */
  | { kind: 'refused'; message: string; report: RosterImportReport }
  | { kind: 'failed'; message: string };

/** Why a file cannot be sent at all (checked before uploading); null when it can. */
export function pickedFileError(f: Pick<PickedFile, 'name' | 'size'>): string | null {
  if (!/\.xlsx$/i.test(f.name)) return '请选择 .xlsx 格式的名册文件（可先下载模板填写）';
  if (f.size > ROSTER_MAX_BYTES) return `名册文件不能超过${Math.round(ROSTER_MAX_BYTES / 1024 / 1024)}MB`;
  if (f.size === 0) return '名册文件是空的';
  return null;
}

function pickH5(): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = `.xlsx,${XLSX_MIME}`;
    input.style.display = 'none';
    const done = (f: PickedFile | null) => {
      input.remove();
      resolve(f);
    };
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      done(file ? { name: file.name, size: file.size, blob: file } : null);
    });
    input.addEventListener('cancel', () => done(null));
    document.body.appendChild(input);
    input.click();
  });
}

async function pickWeapp(): Promise<PickedFile | null> {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
    const f = res.tempFiles?.[0];
    return f ? { name: f.name, size: f.size, path: f.path } : null;
  } catch {
    return null; // cancelled
  }
}

/** Lets the user pick the roster file; null when they cancel. */
export function pickRosterFile(): Promise<PickedFile | null> {
  return isH5() ? pickH5() : pickWeapp();
}

async function sendH5(url: string, f: PickedFile): Promise<{ status: number; data: unknown }> {
  const form = new FormData();
  form.append('file', f.blob as Blob, f.name);
  try {
    const res = await fetch(url, {
      method: 'POST',
      body: form,
      headers: { Accept: 'application/json', ...authHeader() },
    });
    const data: unknown = await res.json().catch(() => null);
    return { status: res.status, data };
  } catch (e) {
    throw transportError(e);
  }
}

async function sendWeapp(url: string, f: PickedFile): Promise<{ status: number; data: unknown }> {
  try {
    const res = await Taro.uploadFile({
      url,
      filePath: f.path as string,
      name: 'file',
      header: authHeader(),
      timeout: 120_000,
    });
    let data: unknown = res.data;
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data);
      } catch {
        // keep the text
      }
    }
    return { status: res.statusCode, data };
  } catch (e) {
    throw transportError(e);
  }
}

/** Uploads the roster; `confirmValidOnly` imports the valid rows when some have errors. */
export async function uploadRoster(unitId: number, f: PickedFile, confirmValidOnly = false): Promise<UploadOutcome> {
  const query: RosterUploadQuery | undefined = confirmValidOnly ? { confirmValidOnly: 'true' } : undefined;
  const url = buildUrl(callPath(ROUTES.rosters.upload, { id: unitId }), query ? { ...query } : undefined);
  try {
    const res = await withToken(() => (isH5() ? sendH5(url, f) : sendWeapp(url, f)));
    const report = reportOf(res.data);
    if (res.status >= 200 && res.status < 300 && report) return { kind: 'imported', report };
    if (res.status === 400 && report) {
      const own = (res.data as { message?: unknown } | null)?.message;
      return {
        kind: 'refused',
        message: typeof own === 'string' && own ? own : messageFromResponse(400, res.data),
        report,
      };
    }
    return { kind: 'failed', message: messageFromResponse(res.status, res.data) };
  } catch (e) {
    return { kind: 'failed', message: isApiError(e) ? e.message : '上传失败，请稍后再试' };
  }
}
