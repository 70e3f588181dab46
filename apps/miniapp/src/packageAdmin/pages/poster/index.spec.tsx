import { act, fireEvent, render, screen } from '@testing-library/react';
import { ADMIN_OF_7, MEMBER_OF_7, fakeApi, loginAs } from '@test/doubles/api';
import Taro, { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import PosterPage from './index';

const flush = () => act(() => new Promise((r) => setTimeout(r, 0)));
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47]).buffer;

function posterApi() {
  return fakeApi((_method, path) => (path === '/api/communities/7/poster.png' ? [200, PNG] : undefined));
}

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
  __taro.setRoute('/packageAdmin/pages/poster/index', {});
});

describe('community poster page (报到海报)', () => {
  it('in WeChat: shows the poster with the mini-program code and opens the A4 PDF of it', async () => {
    process.env.TARO_ENV = 'weapp';
    loginAs(ADMIN_OF_7);
    const calls = posterApi();
    render(<PosterPage />);
    await flush();
    expect(calls.map((c) => `${c.path}?${c.query}`)).toEqual(['/api/communities/7/poster.png?kind=wxacode']);
    expect(screen.getByText(/直接进入本社区的报到页面/)).toBeTruthy();
    expect(screen.getByText('保存到相册')).toBeTruthy();

    fireEvent.click(screen.getByText('下载 A4 打印版（PDF）'));
    await flush();
    const [download] = (Taro.downloadFile as jest.Mock).mock.calls[0] as [{ url: string }];
    expect(new URL(download.url, 'http://h5.local').pathname).toBe('/api/communities/7/poster.pdf');
    expect(download.url).toContain('kind=wxacode');
    expect(Taro.openDocument).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'pdf', showMenu: true }));
  });

  it('on H5: asks for the web-address poster, labelled as such', async () => {
    process.env.TARO_ENV = 'h5';
    loginAs(ADMIN_OF_7);
    const calls = posterApi();
    render(<PosterPage />);
    await flush();
    expect(calls.map((c) => `${c.path}?${c.query}`)).toEqual(['/api/communities/7/poster.png?kind=url']);
    expect(screen.getByText(/网页版海报：微信扫一扫打开报到网页/)).toBeTruthy();
    expect(screen.getByText('下载海报图片')).toBeTruthy();
  });

  it('is for community staff only', async () => {
    process.env.TARO_ENV = 'h5';
    loginAs(MEMBER_OF_7);
    const calls = posterApi();
    render(<PosterPage />);
    await flush();
    expect(calls).toEqual([]);
  });
});
