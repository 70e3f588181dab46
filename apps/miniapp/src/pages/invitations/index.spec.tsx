import { act, fireEvent, render, screen } from '@testing-library/react';
import { Role, RoleInvitationStatus, type RoleInvitationDto } from '@sbd/contracts';
import { fakeApi, loginAs, RESIDENT_OF_7 } from '@test/doubles/api';
import Taro, { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import InvitationsPage from './index';

const flush = () => act(() => new Promise((r) => setTimeout(r, 0)));

const invitation = (p: Partial<RoleInvitationDto> = {}): RoleInvitationDto => ({
  id: 5,
  phone: '139****5678',
  role: Role.GridLeader,
  nodeId: 31,
  nodeName: '幸福社区一网格',
  nodeType: null,
  status: RoleInvitationStatus.Pending,
  invitedByName: '王芳',
  termEndsAt: null,
  note: '换届任命',
  createdAt: '2026-12-01T02:00:00.000Z',
  expiresAt: '2026-12-15T02:00:00.000Z',
  respondedAt: null,
  ...p,
});

beforeEach(() => {
  process.env.TARO_ENV = 'h5';
  __taro.reset();
  clearSession();
  resetToastDedupe();
  loginAs(RESIDENT_OF_7);
});

describe('我的邀请', () => {
  it('shows who invites the user to which role, and accepting grants it and refreshes 我的', async () => {
    let pending = [invitation()];
    const calls = fakeApi((method, path) => {
      if (path === '/api/role-invitations' && method === 'GET') return [200, pending];
      if (path === '/api/role-invitations/5/accept') {
        pending = [];
        return [200, invitation({ status: RoleInvitationStatus.Accepted })];
      }
      if (path === '/api/me')
        return [
          200,
          { id: 1, name: '王芳', phone: null, hasWechat: false, roles: [], consentVersion: 'v1', consentAt: null },
        ];
      return undefined;
    });
    render(<InvitationsPage />);
    expect(await screen.findByText('幸福社区一网格 · 网格长')).toBeTruthy();
    expect(screen.getByText('邀请人：王芳 · 手机号 139****5678')).toBeTruthy();
    expect(screen.getByText('换届任命')).toBeTruthy();

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '接受任命' }));
    });
    await flush();
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(
      expect.arrayContaining(['POST /api/role-invitations/5/accept', 'GET /api/me']),
    );
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已接受任命' }));
    expect(await screen.findByText('暂无待确认的任命邀请')).toBeTruthy();
  });

  it('asks before declining, then declines', async () => {
    const calls = fakeApi((method, path) => {
      if (path === '/api/role-invitations' && method === 'GET') return [200, [invitation()]];
      if (path === '/api/role-invitations/5/decline')
        return [200, invitation({ status: RoleInvitationStatus.Declined })];
      return undefined;
    });
    render(<InvitationsPage />);
    await screen.findByText('幸福社区一网格 · 网格长');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '拒绝' }));
    });
    await flush();
    expect(Taro.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: '确定拒绝担任幸福社区一网格 · 网格长吗？' }),
    );
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/role-invitations/5/decline')).toBe(true);
  });

  it('offers to verify a phone when there is nothing to show, and looks again once it is verified', async () => {
    let gets = 0;
    fakeApi((method, path, body) => {
      if (path === '/api/role-invitations' && method === 'GET') {
        gets += 1;
        return [200, gets > 1 ? [invitation()] : []];
      }
      if (path === '/api/phone-verifications/sms-codes') return [200, { expiresInSeconds: 300, devCode: '246810' }];
      if (path === '/api/phone-verifications/sms' && (body as { code: string }).code === '246810')
        return [200, { phone: '13912345678', method: 'sms', expiresAt: '2030-01-01T00:00:00.000Z' }];
      return undefined;
    });
    render(<InvitationsPage />);
    expect(await screen.findByText('暂无待确认的任命邀请')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('手机号'), { target: { value: '13912345678' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '验证手机号' }));
    });
    expect(await screen.findByText('幸福社区一网格 · 网格长')).toBeTruthy();
  });

  it('asks a visitor to log in first', () => {
    clearSession();
    fakeApi(() => undefined);
    render(<InvitationsPage />);
    expect(screen.getByText('请先登录。')).toBeTruthy();
  });
});
