import { act, fireEvent, render, screen } from '@testing-library/react';
import { Role, type LoginResponse } from '@sbd/contracts';
import Taro, { __taro } from '@test/doubles/taro';
import { STORAGE_KEYS } from '@/platform/env';
import { clearSession, saveLogin } from '@/platform/session';
import { setElderly } from '@/platform/elderly';
import Home, { tilesFor } from './index';

function loginWith(roles: LoginResponse['user']['roles']): void {
  saveLogin({
    accessToken: 'A',
    refreshToken: 'R',
    expiresIn: 900,
    refreshExpiresIn: 86400,
    user: { id: 1, name: '王芳', phone: '13800001111', hasWechat: false, roles, consentVersion: null, consentAt: null },
  });
}

beforeEach(() => {
  __taro.reset();
  clearSession();
  act(() => setElderly(false));
  // The quiet /api/me refresh on show stays in flight: these tests are about rendering.
  (Taro.request as jest.Mock).mockImplementation(() => new Promise(() => undefined));
});

describe('home page', () => {
  it('renders the entry tiles and the 长辈版 switch for a visitor', () => {
    render(<Home />);
    expect(screen.getByText('双报到')).toBeTruthy();
    expect(screen.getByRole('button', { name: '登录 / 注册' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /我要报到/ })).toBeTruthy();
    const toggle = screen.getByRole('switch', { name: /长辈版/ });
    expect(toggle.getAttribute('aria-checked')).toBe('false');
  });

  it('turns on 长辈版 from the home page, persists it and enlarges the page', () => {
    const { container } = render(<Home />);
    const page = container.querySelector('.sbd-page') as HTMLElement;
    expect(page.className).not.toContain('sbd-elderly');

    fireEvent.click(screen.getByRole('switch', { name: /长辈版/ }));

    expect(page.className).toContain('sbd-elderly');
    expect(screen.getByRole('switch', { name: /长辈版已开启/ }).getAttribute('aria-checked')).toBe('true');
    expect(screen.getByText('长辈版 · 已开启')).toBeTruthy();
    expect(Taro.getStorageSync(STORAGE_KEYS.elderly)).toBe(JSON.stringify({ enabled: true }));
  });

  it('shows the community admin their tools and opens a page on tap', () => {
    loginWith([{ role: Role.CommunityAdmin, scopeNodeId: 7, scopeName: '幸福社区' }]);
    render(<Home />);
    expect(screen.getByText('当前身份：社区管理员 · 幸福社区')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /报到审核/ }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageAdmin/pages/approvals/index' });
  });

  it('chooses tiles by role', () => {
    const titles = (r: Parameters<typeof tilesFor>[0], loggedIn = true) => tilesFor(r, loggedIn).map((t) => t.title);
    expect(titles(null, false)).toEqual(['我要报到', '我的']);
    expect(titles({ role: Role.Member, scopeNodeId: 7, scopeName: null })).toEqual([
      '任务大厅',
      '我的报名',
      '服务时长',
      '我的积分',
      '应急召集',
      '消息',
      '亮身份',
      '我要点单',
      '服务信息',
      '我的报到',
      '我的',
    ]);
    expect(titles({ role: Role.BranchSecretary, scopeNodeId: 8, scopeName: null })[0]).toBe('支部报名');
    expect(titles({ role: Role.Resident, scopeNodeId: 7, scopeName: null })).toEqual([
      '我要点单',
      '我的需求',
      '消息',
      '我要报到',
      '我的报到',
      '我的',
    ]);
    expect(titles(null)[0]).toBe('加入社区');
    expect(titles({ role: Role.CommunityAdmin, scopeNodeId: 7, scopeName: null })).toEqual([
      '需求分拣',
      '发布任务',
      '任务管理',
      '应急召集',
      '统计看板',
      '报到审核',
      '社区二维码',
      '核验电子证',
      '代居民点单',
      '消息',
      '我的',
    ]);
    expect(titles({ role: Role.UnitAdmin, scopeNodeId: 9, scopeName: null })).toEqual([
      '统计看板',
      '党员报回记录',
      '单位名册',
      '消息',
      '我的',
    ]);
    expect(titles({ role: Role.StreetAdmin, scopeNodeId: 3, scopeName: null })).toEqual(['统计看板', '消息', '我的']);
    expect(titles({ role: Role.DistrictAdmin, scopeNodeId: 1, scopeName: null })).toEqual(['统计看板', '消息', '我的']);
    expect(titles({ role: Role.PlatformAdmin, scopeNodeId: null, scopeName: null })).toEqual([
      '统计看板',
      '消息',
      '我的',
    ]);
  });
});
