import { act, fireEvent, render, screen } from '@testing-library/react';
import { RegistrationStatus, type RegistrationDto } from '@sbd/contracts';
import { fakeApi, loginAs, MEMBER_OF_7 } from '@test/doubles/api';
import { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import ProfilePage from './index';

const reg: RegistrationDto = {
  id: 5,
  userId: 1,
  status: RegistrationStatus.Approved,
  communityId: 7,
  communityName: '幸福社区',
  name: '王芳',
  phone: '13800001111',
  idNumber: null,
  workUnitId: 9,
  workUnitName: '市税务局',
  unitPartyOrgName: '市税务局机关党委',
  buildingId: null,
  buildingName: null,
  residenceDetail: '3栋2单元501',
  skills: ['税务咨询'],
  freeTime: [],
  positions: [{ id: 2, name: '政策宣讲' }],
  branchId: null,
  branchName: null,
  groupId: null,
  groupName: null,
  gridId: null,
  gridName: null,
  rejectReason: null,
  consentVersion: 'v1',
  submittedAt: new Date().toISOString(),
  reviewedAt: null,
  unitConfirmed: false,
};

const position = (id: number, name: string, active = true) => ({
  id,
  communityId: 7,
  code: `p${id}`,
  name,
  description: null,
  active,
  sortOrder: id,
});

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
  loginAs(MEMBER_OF_7);
  __taro.setRoute('/packageMember/pages/profile/index');
});

describe('服务信息: positions from the community profile by id', () => {
  it('offers the community’s active positions and saves the chosen ones', async () => {
    const calls = fakeApi((method, path) => {
      if (path === '/api/registrations/me' && method === 'GET') return [200, reg];
      if (path === '/api/communities/7/profile') {
        return [
          200,
          {
            id: 7,
            code: 'XINGFU',
            name: '幸福社区',
            streetName: null,
            districtName: null,
            address: null,
            positions: [position(2, '政策宣讲'), position(3, '法律咨询'), position(4, '停用岗位', false)],
            buildings: [],
            workUnits: [],
          },
        ];
      }
      if (path === '/api/registrations/me' && method === 'PATCH') return [200, reg];
      return undefined;
    });
    render(<ProfilePage />);
    expect(await screen.findByRole('checkbox', { name: '政策宣讲' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: '政策宣讲' }).getAttribute('aria-checked')).toBe('true');
    expect(screen.queryByRole('checkbox', { name: '停用岗位' })).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: '法律咨询' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存' }));
    });
    expect(calls.find((c) => c.method === 'PATCH')?.body).toMatchObject({ positionIds: [2, 3] });
  });

  it('shows the current positions read-only when the profile cannot be read', async () => {
    fakeApi((method, path) => (path === '/api/registrations/me' && method === 'GET' ? [200, reg] : undefined));
    render(<ProfilePage />);
    expect(await screen.findByText('政策宣讲')).toBeTruthy();
    expect(screen.getByText('暂时读不到社区的岗位目录，请稍后重新打开本页修改岗位。')).toBeTruthy();
  });
});
