import { act, fireEvent, render, screen } from '@testing-library/react';
import { Role, type RosterImportReport } from '@sbd/contracts';
import { loginAs } from '@test/doubles/api';
import { fakeFetch } from '@test/doubles/fetch';
import Taro, { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import { uploadRoster } from '@/packageStats/services/roster';
import RosterPage from './index';

const report: RosterImportReport = {
  imported: 0,
  total: 5,
  valid: 3,
  matched: 0,
  review: 0,
  reviews: [],
  errors: [
    { row: 4, column: '手机号', message: '手机号格式不正确' },
    { row: 3, column: '姓名', message: '请填写姓名' },
  ],
};
const refusal = { code: 'VALIDATION_FAILED', message: '名册有2处错误，未导入任何数据', details: [], report };

function weappFile(name = '名册.xlsx', size = 2048) {
  (Taro.chooseMessageFile as jest.Mock).mockResolvedValueOnce({
    tempFiles: [{ path: 'wxfile://tmp/roster.xlsx', name, size, type: 'file', time: 0 }],
    errMsg: 'ok',
  });
}

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
  process.env.TARO_ENV = 'weapp';
  loginAs([{ role: Role.UnitAdmin, scopeNodeId: 9, scopeName: '市税务局' }]);
  __taro.setRoute('/packageStats/pages/roster/index', { unitId: '9' });
});

afterEach(() => {
  process.env.TARO_ENV = 'h5';
  (Taro.uploadFile as jest.Mock).mockReset();
});

describe('单位党员名册 (weapp: a file from a chat, Taro.uploadFile)', () => {
  it('shows the per-row report in Chinese and imports only the valid rows after confirming', async () => {
    (Taro.uploadFile as jest.Mock)
      .mockResolvedValueOnce({ statusCode: 400, data: JSON.stringify(refusal) })
      .mockResolvedValueOnce({ statusCode: 200, data: JSON.stringify({ ...report, imported: 3, matched: 1 }) });
    weappFile();
    render(<RosterPage />);
    await act(async () => {
      fireEvent.click(screen.getByText('选择名册文件并上传'));
    });
    expect(Taro.chooseMessageFile).toHaveBeenCalledWith({ count: 1, type: 'file', extension: ['xlsx'] });
    const first = (Taro.uploadFile as jest.Mock).mock.calls[0][0] as {
      url: string;
      name: string;
      filePath: string;
      header: Record<string, string>;
    };
    expect(first).toMatchObject({
      url: '/api/units/9/roster',
      name: 'file',
      filePath: 'wxfile://tmp/roster.xlsx',
      header: { Authorization: 'Bearer A' },
    });

    expect(await screen.findByText('✕ 名册有2处错误，未导入任何数据')).toBeTruthy();
    expect(screen.getByText('名册共5行：有效3行，有错误的2行（共2处错误）')).toBeTruthy();
    // Sorted by row: row 3 before row 4.
    expect(Array.from(document.querySelectorAll('.st-error')).map((e) => e.textContent)).toEqual([
      '第3行「姓名」：请填写姓名',
      '第4行「手机号」：手机号格式不正确',
    ]);

    await act(async () => {
      fireEvent.click(screen.getByText('只导入有效行（3行）'));
    });
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '只导入有效行' }));
    const second = (Taro.uploadFile as jest.Mock).mock.calls[1][0] as { url: string };
    expect(second.url).toBe('/api/units/9/roster?confirmValidOnly=true');
    expect(await screen.findByText('✓ 导入成功')).toBeTruthy();
    expect(screen.getByText('已导入3人，名册共5行，跳过有错误的2行，其中1人已在社区报到')).toBeTruthy();
    expect(screen.getByText('未导入的行（2处错误）')).toBeTruthy();
    expect(screen.queryByText(/只导入有效行/)).toBeNull();
  });

  it('does not import when the confirm is cancelled', async () => {
    (Taro.uploadFile as jest.Mock).mockResolvedValueOnce({ statusCode: 400, data: JSON.stringify(refusal) });
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    weappFile();
    render(<RosterPage />);
    await act(async () => {
      fireEvent.click(screen.getByText('选择名册文件并上传'));
    });
    await act(async () => {
      fireEvent.click(await screen.findByText('只导入有效行（3行）'));
    });
    expect(Taro.uploadFile).toHaveBeenCalledTimes(1);
  });

  it('refuses a file that is not .xlsx before uploading', async () => {
    weappFile('名册.xls');
    render(<RosterPage />);
    await act(async () => {
      fireEvent.click(screen.getByText('选择名册文件并上传'));
    });
    expect(screen.getByText('请选择 .xlsx 格式的名册文件（可先下载模板填写）')).toBeTruthy();
    expect(Taro.uploadFile).not.toHaveBeenCalled();
  });

  it('downloads the template with the token and opens it', async () => {
    render(<RosterPage />);
    await act(async () => {
      fireEvent.click(screen.getByText('下载名册模板'));
    });
    expect((Taro.downloadFile as jest.Mock).mock.calls[0][0]).toMatchObject({
      url: '/api/units/9/roster/template.xlsx',
      header: { Authorization: 'Bearer A' },
    });
    expect(Taro.openDocument).toHaveBeenCalledWith({
      filePath: 'wxfile://tmp/download.xlsx',
      fileType: 'xlsx',
      showMenu: true,
    });
  });
});

describe('roster upload on H5 (fetch with FormData)', () => {
  it('sends the file in the `file` field with the token; a 401 refreshes once', async () => {
    process.env.TARO_ENV = 'h5';
    let n = 0;
    const calls = fakeFetch((c) => {
      if (c.path === '/api/units/9/roster')
        return ++n === 1
          ? { status: 401, body: { code: 'UNAUTHENTICATED', message: '登录已过期' } }
          : { status: 200, body: { imported: 2, total: 2, valid: 2, matched: 0, review: 0, reviews: [], errors: [] } };
      return undefined;
    });
    (Taro.request as jest.Mock).mockResolvedValueOnce({
      statusCode: 200,
      data: { accessToken: 'B', refreshToken: 'R2', expiresIn: 900, refreshExpiresIn: 86400 },
    });
    const file = new File(['PK'], '名册.xlsx');
    const r = await uploadRoster(9, { name: file.name, size: file.size, blob: file }, false);
    expect(r).toEqual({
      kind: 'imported',
      report: { imported: 2, total: 2, valid: 2, matched: 0, review: 0, reviews: [], errors: [] },
    });
    expect(calls.map((c) => c.headers.Authorization)).toEqual(['Bearer A', 'Bearer B']);
    const form = calls[1].body as FormData;
    expect((form.get('file') as File).name).toBe('名册.xlsx');
    expect(calls[1].method).toBe('POST');
  });

  it('a refusal without a report (multer) still reads in Chinese', async () => {
    process.env.TARO_ENV = 'h5';
    fakeFetch(() => ({
      status: 413,
      body: { code: 'PAYLOAD_TOO_LARGE', message: '名册文件不能超过5MB', details: [] },
    }));
    const r = await uploadRoster(9, { name: 'a.xlsx', size: 1, blob: new Blob(['x']) });
    expect(r).toEqual({ kind: 'failed', message: '名册文件不能超过5MB' });
  });
});
