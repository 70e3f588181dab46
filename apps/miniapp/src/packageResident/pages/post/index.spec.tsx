import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { NeedCategory, NeedStatus, type NeedDuplicateSuggestionDto } from '@sbd/contracts';
import { fakeApi, loginAs, RESIDENT_OF_7 } from '@test/doubles/api';
import { makeNeed } from '@test/doubles/fixtures';
import Taro, { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import PostNeedPage from './index';

const suggestion: NeedDuplicateSuggestionDto = {
  id: 41,
  title: '3号楼楼道灯不亮',
  category: NeedCategory.Repair,
  buildingName: '幸福小区3栋',
  status: NeedStatus.Accepted,
  createdAt: new Date().toISOString(),
  similarity: 0.6,
  plusOneCount: 2,
};

function type(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
});

describe('post a need (居民点单)', () => {
  it('sends a visitor to log in', () => {
    render(<PostNeedPage />);
    fireEvent.click(screen.getByRole('button', { name: '去登录' }));
    expect(Taro.reLaunch).toHaveBeenCalled();
  });

  it('shows what is missing, in words, without calling the API', async () => {
    loginAs(RESIDENT_OF_7);
    const calls = fakeApi(() => undefined);
    render(<PostNeedPage />);
    fireEvent.click(screen.getByRole('button', { name: '提交需求' }));
    expect(await screen.findByText('！请选择需求类别')).toBeTruthy();
    expect(screen.getByText('！请描述具体情况')).toBeTruthy();
    expect(screen.getByText('请按红色提示修改后再提交')).toBeTruthy();
    expect(calls.filter((c) => c.path === '/api/needs')).toEqual([]);
  });

  it('suggests the same need while typing; "+1" backs it instead of posting again', async () => {
    loginAs(RESIDENT_OF_7);
    const calls = fakeApi((method, path) => {
      if (path === '/api/needs/duplicates') return [200, [suggestion]];
      if (path === '/api/needs/41/plus-one' && method === 'POST')
        return [200, { needId: 41, plusOneCount: 3, added: true }];
      return undefined;
    });
    render(<PostNeedPage />);
    fireEvent.click(screen.getByRole('radio', { name: '维修服务' }));
    type('需求标题', '3号楼楼道灯坏了');
    expect(await screen.findByText('是不是同一件事？', undefined, { timeout: 2000 })).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/needs/duplicates')?.body).toEqual({
      communityId: 7,
      category: NeedCategory.Repair,
      title: '3号楼楼道灯坏了',
    });
    expect(screen.getByText('已有2人 +1')).toBeTruthy();
    expect(screen.getByRole('button', { name: '不是同一件事，提交新需求' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '同一件事 +1：3号楼楼道灯不亮' }));
    expect(await screen.findByText('✓ 已 +1（共3人）')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '完成，查看我的需求' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageResident/pages/needs/index' });
  });

  it('checks for duplicates before posting when the suggestion has not arrived yet', async () => {
    loginAs(RESIDENT_OF_7);
    const calls = fakeApi((_method, path) => {
      if (path === '/api/needs/duplicates') return [200, [suggestion]];
      return undefined;
    });
    render(<PostNeedPage />);
    fireEvent.click(screen.getByRole('radio', { name: '维修服务' }));
    type('需求标题', '3号楼楼道灯坏了');
    fireEvent.change(screen.getByLabelText('具体情况'), { target: { value: '晚上看不见' } });
    // Press submit at once, before the debounced check ran.
    fireEvent.click(screen.getByRole('button', { name: '提交需求' }));
    expect(await screen.findByText('发现相似的需求：如果是同一件事，点“+1”即可，不用重复提交')).toBeTruthy();
    expect(calls.filter((c) => c.path === '/api/needs')).toEqual([]);
  });

  it('posts the need and opens its progress page', async () => {
    loginAs(RESIDENT_OF_7);
    const calls = fakeApi((method, path) => {
      if (path === '/api/needs/duplicates') return [200, []];
      if (path === '/api/needs' && method === 'POST') return [201, makeNeed({ id: 99, status: NeedStatus.Held })];
      return undefined;
    });
    render(<PostNeedPage />);
    fireEvent.click(screen.getByRole('radio', { name: '维修服务' }));
    type('需求标题', '楼道灯坏了');
    fireEvent.change(screen.getByLabelText('具体情况'), { target: { value: ' 晚上看不见 ' } });
    type('具体位置', '3号楼2单元');
    fireEvent.click(screen.getByRole('radio', { name: '明天' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '提交需求' }));
    });
    await waitFor(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packageResident/pages/need/index?id=99' }),
    );
    const body = calls.find((c) => c.path === '/api/needs' && c.method === 'POST')?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      communityId: 7,
      category: 'repair',
      title: '楼道灯坏了',
      description: '晚上看不见',
      place: '3号楼2单元',
    });
    expect(typeof body.expectedAt).toBe('string');
  });

  it('shows the API field errors next to the fields', async () => {
    loginAs(RESIDENT_OF_7);
    fakeApi((_method, path) => {
      if (path === '/api/needs/duplicates') return [200, []];
      if (path === '/api/needs')
        return [
          400,
          {
            code: 'VALIDATION_FAILED',
            message: '内容包含不当信息，请修改后再提交',
            details: [{ field: 'description', message: '内容包含不当信息，请修改后再提交' }],
          },
        ];
      return undefined;
    });
    render(<PostNeedPage />);
    fireEvent.click(screen.getByRole('radio', { name: '维修服务' }));
    type('需求标题', '楼道灯坏了');
    fireEvent.change(screen.getByLabelText('具体情况'), { target: { value: '不当内容' } });
    fireEvent.click(screen.getByRole('button', { name: '提交需求' }));
    expect(await screen.findByText('！内容包含不当信息，请修改后再提交')).toBeTruthy();
    expect(Taro.redirectTo).not.toHaveBeenCalled();
  });

  it('gives a resident the building picker from their community’s profile (by the id of their role)', async () => {
    loginAs(RESIDENT_OF_7);
    const profile = {
      id: 7,
      code: 'XINGFU',
      name: '幸福社区',
      streetName: null,
      districtName: null,
      address: null,
      positions: [],
      buildings: [
        { id: 71, name: '幸福小区1号楼', gridId: null },
        { id: 72, name: '幸福小区3号楼', gridId: null },
      ],
      workUnits: [],
    };
    const calls = fakeApi((method, path) => {
      if (path === '/api/communities/7/profile') return [200, profile];
      if (path === '/api/needs/duplicates') return [200, []];
      if (path === '/api/needs' && method === 'POST') return [201, makeNeed({ id: 99 })];
      return undefined;
    });
    render(<PostNeedPage />);
    const picker = await screen.findByRole('button', { name: '小区/楼栋：不选择' });
    expect(picker).toBeTruthy();
    fireEvent.change(screen.getAllByTestId('picker')[0], { target: { value: '2' } });
    expect(screen.getByRole('button', { name: '小区/楼栋：幸福小区3号楼' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '维修服务' }));
    type('需求标题', '楼道灯坏了');
    fireEvent.change(screen.getByLabelText('具体情况'), { target: { value: '晚上看不见' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '提交需求' }));
    });
    await waitFor(() => expect(calls.some((c) => c.path === '/api/needs' && c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.path === '/api/needs' && c.method === 'POST')?.body).toMatchObject({ buildingId: 72 });
  });

  it('posts without a building when the profile cannot be read, and says nothing about it', async () => {
    loginAs(RESIDENT_OF_7);
    fakeApi(() => undefined);
    render(<PostNeedPage />);
    await waitFor(() => expect(Taro.request).toHaveBeenCalled());
    expect(screen.queryByRole('button', { name: /小区\/楼栋/ })).toBeNull();
    expect(Taro.showToast).not.toHaveBeenCalled();
  });
});
