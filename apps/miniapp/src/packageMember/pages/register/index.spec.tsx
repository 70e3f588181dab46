import { act, fireEvent, render, screen } from '@testing-library/react';
import type { CommunityPublicDto } from '@sbd/contracts';
import Taro, { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession, saveLogin } from '@/platform/session';
import { resetSubscribeTemplates } from '@/features/subscriptions/subscribe';
import RegisterPage from './index';

const request$ = Taro.request as jest.Mock;
const flush = () => act(() => new Promise((r) => setTimeout(r, 0)));

const community: CommunityPublicDto = {
  id: 7,
  code: 'XF01',
  name: '幸福社区',
  streetName: '幸福街道',
  districtName: '崇川区',
  address: null,
  positions: [
    { id: 11, communityId: 7, code: 'legal', name: '法律援助', description: null, active: true, sortOrder: 1 },
  ],
  buildings: [{ id: 21, name: '幸福小区3栋', gridId: 31 }],
  workUnits: [{ id: 41, name: '市财政局' }],
};

type Call = { url: string; method: string; data?: unknown };

function fakeApi() {
  request$.mockImplementation(async (opts: Call) => {
    if (opts.url === '/api/communities/by-code/XF01') return { statusCode: 200, header: {}, data: community };
    if (opts.url === '/api/registrations/me')
      return { statusCode: 404, header: {}, data: { code: 'NOT_FOUND', message: '尚未报到' } };
    if (opts.url === '/api/privacy-notice')
      return { statusCode: 200, header: {}, data: { version: 'v3', title: '双报到隐私政策', body: '……' } };
    if (opts.url === '/api/registrations' && opts.method === 'POST')
      return { statusCode: 201, header: {}, data: { id: 1 } };
    if (opts.url === '/api/phone-verifications/sms-codes')
      return { statusCode: 200, header: {}, data: { expiresInSeconds: 300 } };
    const verified = { phone: '13912345678', expiresAt: '2030-01-01T00:00:00.000Z' };
    if (opts.url === '/api/phone-verifications/sms') {
      const ok = (opts.data as { code: string }).code === '246810';
      return ok
        ? { statusCode: 200, header: {}, data: { ...verified, method: 'sms' } }
        : {
            statusCode: 400,
            header: {},
            data: {
              code: 'VALIDATION_FAILED',
              message: '验证码不正确，还可以再试4次',
              details: [{ field: 'code', message: '验证码不正确，还可以再试4次' }],
            },
          };
    }
    if (opts.url === '/api/phone-verifications/wechat')
      return { statusCode: 200, header: {}, data: { ...verified, method: 'wechat' } };
    if (opts.url.startsWith('/api/subscriptions/templates'))
      return {
        statusCode: 200,
        header: {},
        data: {
          moment: 'after_registration',
          templates: [{ templateId: 'tmpl-reg', kinds: ['registration_approved'], label: '报到审核通过' }],
        },
      };
    if (opts.url === '/api/subscriptions/choices') return { statusCode: 200, header: {}, data: [] };
    if (opts.url.startsWith('/api/work-units?'))
      return {
        statusCode: 200,
        header: {},
        data: { items: [{ id: 52, name: '港闸区税务局', districtId: 9, districtName: '港闸区' }], nextCursor: null },
      };
    return { statusCode: 500, header: {}, data: null };
  });
}

function type(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

beforeEach(() => {
  process.env.TARO_ENV = 'h5';
  resetSubscribeTemplates();
  __taro.reset();
  clearSession();
  resetToastDedupe();
  fakeApi();
});

function login() {
  saveLogin({
    accessToken: 'A',
    refreshToken: 'R',
    expiresIn: 900,
    refreshExpiresIn: 86400,
    user: {
      id: 1,
      name: '李四',
      phone: '13912345678',
      hasWechat: false,
      roles: [],
      consentVersion: null,
      consentAt: null,
    },
  });
}

function fillTheRest() {
  type('所在单位党组织', '市财政局机关党委');
  type('详细地址', '3栋2单元501');
  fireEvent.click(screen.getByText('市财政局')); // a unit of the community's district
  fireEvent.click(screen.getByLabelText('周六上午'));
  fireEvent.click(screen.getByLabelText('法律援助'));
  fireEvent.click(screen.getByLabelText(/我已阅读并同意/));
}

const posts = () =>
  request$.mock.calls
    .map(([c]) => c as Call)
    .filter((c) => c.method === 'POST')
    .map((c) => c.url);

describe('register page (报到)', () => {
  it('takes the community from ?community= and asks a visitor to log in first', async () => {
    __taro.setRoute('/packageMember/pages/register/index', { community: 'XF01' });
    render(<RegisterPage />);
    expect(await screen.findByText('幸福社区')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '登录后报到' }));
    expect(Taro.reLaunch).toHaveBeenCalledWith({
      url: `/pages/login/index?redirect=${encodeURIComponent('/packageMember/pages/register/index?community=XF01')}`,
    });
  });

  // Scanning the poster's mini-program code opens this page with options.scene =
  // encodeURIComponent(scene), the scene being the community code the API asked WeChat for.
  it.each([
    ['the bare code', 'XF01'],
    ['a c= pair', 'c=XF01'],
  ])('fills the community from the mini-program code’s scene (%s)', async (_, scene) => {
    process.env.TARO_ENV = 'weapp';
    __taro.setRoute('/packageMember/pages/register/index', { scene: encodeURIComponent(scene) });
    render(<RegisterPage />);
    expect(await screen.findByText('幸福社区')).toBeTruthy();
    const lookups = request$.mock.calls.map(([c]) => (c as Call).url).filter((u) => u.includes('/by-code/'));
    expect(lookups).toEqual(['/api/communities/by-code/XF01']);
    // The community stays filled through the login the visitor is sent to.
    fireEvent.click(screen.getByText('登录后报到'));
    expect(Taro.reLaunch).toHaveBeenCalledWith({
      url: `/pages/login/index?redirect=${encodeURIComponent('/packageMember/pages/register/index?community=XF01')}`,
    });
  });

  it('requires consent and an SMS-verified phone (H5), then submits the form', async () => {
    login();
    __taro.setRoute('/packageMember/pages/register/index', { scene: encodeURIComponent('XF01') });
    render(<RegisterPage />);
    expect(await screen.findByText('幸福社区')).toBeTruthy();
    await flush();

    // name and phone come from the account
    expect((screen.getByLabelText('姓名') as HTMLInputElement).value).toBe('李四');
    type('手机号', '1391234');
    type('所在单位党组织', '市财政局机关党委');
    type('详细地址', '3栋2单元501');
    fireEvent.click(screen.getByRole('button', { name: '市财政局' })); // a unit of the community's district
    expect(screen.getByText('已选：市财政局')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: '周六上午' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '法律援助' }));

    fireEvent.click(screen.getByRole('button', { name: '提交报到' }));
    expect(screen.getByText('！请输入正确的11位手机号')).toBeTruthy();
    expect(screen.getByText('！请阅读并同意隐私政策后再提交')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));
    expect(screen.getByText('！请输入正确的11位手机号')).toBeTruthy();
    expect(posts()).toEqual([]);

    type('手机号', '13912345678');
    fireEvent.click(screen.getByRole('checkbox', { name: /我已阅读并同意/ }));
    fireEvent.click(screen.getByRole('button', { name: '提交报到' }));
    expect(screen.getByText('！请先验证手机号（报到需使用本人验证过的手机号）')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));
    await flush();
    expect(screen.getByRole('button', { name: '60秒后可重新获取' })).toBeTruthy();
    type('短信验证码', '135790');
    fireEvent.click(screen.getByRole('button', { name: '验证手机号' }));
    await flush();
    expect(screen.getByText('！验证码不正确，还可以再试4次')).toBeTruthy();
    type('短信验证码', '246810');
    fireEvent.click(screen.getByRole('button', { name: '验证手机号' }));
    await flush();
    expect(screen.getByLabelText('手机号13912345678，已验证')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '提交报到' }));
    await flush();

    const post = request$.mock.calls.map(([c]) => c as Call).find((c) => c.url === '/api/registrations');
    expect(post?.data).toEqual({
      communityCode: 'XF01',
      name: '李四',
      phone: '13912345678',
      workUnitId: 41,
      unitPartyOrgName: '市财政局机关党委',
      residenceDetail: '3栋2单元501',
      skills: [],
      freeTime: [{ weekday: 6, period: 'morning' }],
      positionIds: [11],
      consentVersion: 'v3',
    });
    // H5 has no subscribe messages: the inbox carries the outcome.
    expect(Taro.requestSubscribeMessage).not.toHaveBeenCalled();
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packageMember/pages/status/index' });
  });

  it('in WeChat: verifies the phone with the phone-number button and asks to subscribe to the review’s outcome', async () => {
    process.env.TARO_ENV = 'weapp';
    login();
    __taro.setRoute('/packageMember/pages/register/index', { community: 'XF01' });
    render(<RegisterPage />);
    expect(await screen.findByText('幸福社区')).toBeTruthy();
    await flush();
    fillTheRest();
    fireEvent.click(screen.getByRole('button', { name: '微信手机号一键验证' }));
    await flush();
    const exchange = request$.mock.calls
      .map(([c]) => c as Call)
      .find((c) => c.url === '/api/phone-verifications/wechat');
    expect(exchange?.data).toEqual({ code: 'phone-code' });
    expect(screen.getByLabelText('手机号13912345678，已验证')).toBeTruthy();

    fireEvent.click(screen.getByText('提交报到'));
    expect(Taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-reg'], entityIds: [] });
    await flush();
    // The dialog's answer is recorded while the registration is sent.
    expect(posts().sort()).toEqual([
      '/api/phone-verifications/wechat',
      '/api/registrations',
      '/api/subscriptions/choices',
    ]);
    const choices = request$.mock.calls.map(([c]) => c as Call).find((c) => c.url === '/api/subscriptions/choices');
    expect(choices?.data).toEqual({ choices: [{ templateId: 'tmpl-reg', choice: 'accept' }] });
  });

  it('lets a member who works in another district find their unit in the city-wide directory', async () => {
    process.env.TARO_ENV = 'weapp';
    login();
    __taro.setRoute('/packageMember/pages/register/index', { community: 'XF01' });
    render(<RegisterPage />);
    expect(await screen.findByText('幸福社区')).toBeTruthy();
    await flush();

    type('搜索工作单位', '税');
    fireEvent.click(screen.getByText('搜索全市单位'));
    expect(screen.getByText('！请至少输入2个字')).toBeTruthy();
    type('搜索工作单位', '税务');
    fireEvent.click(screen.getByText('搜索全市单位'));
    await flush();
    const search = request$.mock.calls.map(([c]) => c as Call).find((c) => c.url.startsWith('/api/work-units?'));
    expect(search?.url).toBe(`/api/work-units?q=${encodeURIComponent('税务')}&limit=20`);
    expect(screen.getByText('港闸区')).toBeTruthy(); // the unit's district, to tell same-named units apart
    fireEvent.click(screen.getByText('港闸区税务局'));
    expect(screen.getByText('已选：港闸区税务局')).toBeTruthy();

    type('所在单位党组织', '港闸区税务局机关党委');
    type('详细地址', '3栋2单元501');
    fireEvent.click(screen.getByLabelText('周六上午'));
    fireEvent.click(screen.getByLabelText(/我已阅读并同意/));
    fireEvent.click(screen.getByRole('button', { name: '微信手机号一键验证' }));
    await flush();
    fireEvent.click(screen.getByText('提交报到'));
    await flush();
    const post = request$.mock.calls.map(([c]) => c as Call).find((c) => c.url === '/api/registrations');
    expect(post?.data).toMatchObject({ workUnitId: 52, unitPartyOrgName: '港闸区税务局机关党委' });
    expect(post?.data).not.toHaveProperty('workUnitName');
  });

  it('lets a member type a unit that is not listed, and go back to the search', async () => {
    login();
    __taro.setRoute('/packageMember/pages/register/index', { community: 'XF01' });
    render(<RegisterPage />);
    expect(await screen.findByText('幸福社区')).toBeTruthy();
    await flush();
    fireEvent.click(screen.getByRole('link', { name: '找不到？手动填写单位名称' }));
    type('单位名称', '某某科技有限公司');
    expect((screen.getByLabelText('单位名称') as HTMLInputElement).value).toBe('某某科技有限公司');
    fireEvent.click(screen.getByRole('link', { name: '在全市单位库中搜索' }));
    expect(screen.getByLabelText('搜索工作单位')).toBeTruthy();
  });
});
