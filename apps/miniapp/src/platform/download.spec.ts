import { ADMIN_OF_7, loginAs } from '@test/doubles/api';
import { captureDownloads, fakeFetch } from '@test/doubles/fetch';
import Taro, { __taro } from '@test/doubles/taro';
import { downloadXlsx, filenameFromDisposition } from './download';
import { resetToastDedupe } from './request';
import { clearSession, getSession } from './session';

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
  process.env.TARO_ENV = 'h5';
  loginAs(ADMIN_OF_7);
});

afterEach(() => {
  process.env.TARO_ENV = 'h5';
  jest.restoreAllMocks();
});

describe('file downloads with the token', () => {
  it('reads the file name of Content-Disposition, the UTF-8 one first', () => {
    expect(
      filenameFromDisposition(
        `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent('报到记录.xlsx')}`,
      ),
    ).toBe('报到记录.xlsx');
    expect(filenameFromDisposition('attachment; filename="muster-5.xlsx"')).toBe('muster-5.xlsx');
    expect(filenameFromDisposition(null)).toBeNull();
    expect(filenameFromDisposition('inline')).toBeNull();
  });

  it('H5: saves the blob under the given name when the answer names none', async () => {
    fakeFetch(() => ({ status: 200, blob: new Blob(['PK']) }));
    const saved = captureDownloads();
    expect(await downloadXlsx({ path: '/api/callups/5/muster.xlsx', filename: '花名册-5.xlsx' })).toBe(true);
    expect(saved.map((s) => s.name)).toEqual(['花名册-5.xlsx']);
  });

  it('H5: a 401 refreshes the token once and retries; an error body is toasted in Chinese', async () => {
    let n = 0;
    const calls = fakeFetch(() =>
      ++n === 1
        ? { status: 401, body: {} }
        : { status: 409, body: { code: 'CONFLICT', message: '召集已结束', details: [] } },
    );
    (Taro.request as jest.Mock).mockResolvedValueOnce({
      statusCode: 200,
      data: { accessToken: 'B', refreshToken: 'R2', expiresIn: 900, refreshExpiresIn: 86400 },
    });
    expect(await downloadXlsx({ path: '/api/x.xlsx', filename: 'x.xlsx' })).toBe(false);
    expect(calls.map((c) => c.headers.Authorization)).toEqual(['Bearer A', 'Bearer B']);
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '召集已结束' }));
  });

  it('H5: when the session cannot be renewed it ends, and the user goes to log in', async () => {
    fakeFetch(() => ({ status: 401, body: {} }));
    (Taro.request as jest.Mock).mockResolvedValueOnce({
      statusCode: 401,
      data: { code: 'UNAUTHENTICATED', message: 'x' },
    });
    expect(await downloadXlsx({ path: '/api/x.xlsx', filename: 'x.xlsx' })).toBe(false);
    expect(getSession()).toBeNull();
    expect(Taro.reLaunch).toHaveBeenCalled();
  });

  it('H5: no network reads as offline', async () => {
    (globalThis as unknown as { fetch: unknown }).fetch = jest.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await downloadXlsx({ path: '/api/x.xlsx', filename: 'x.xlsx' })).toBe(false);
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络连接不可用，请检查网络' }));
  });

  it('weapp: a failed download shows the API’s message read from the temp file, and opens nothing', async () => {
    process.env.TARO_ENV = 'weapp';
    (Taro.downloadFile as jest.Mock).mockResolvedValueOnce({ statusCode: 403, tempFilePath: 'wxfile://tmp/err' });
    (Taro.getFileSystemManager as jest.Mock).mockReturnValueOnce({
      readFileSync: jest.fn(() => JSON.stringify({ code: 'FORBIDDEN', message: '无权查看该组织的统计', details: [] })),
    });
    expect(await downloadXlsx({ path: '/api/stats/nodes/8/export.xlsx', filename: 'x.xlsx' })).toBe(false);
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '无权查看该组织的统计' }));
    expect(Taro.openDocument).not.toHaveBeenCalled();
  });
});
