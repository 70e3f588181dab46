import { act, fireEvent, render, screen } from '@testing-library/react';
import { NotificationKind, type NotificationDto } from '@sbd/contracts';
import { fakeApi, loginAs, RESIDENT_OF_7 } from '@test/doubles/api';
import Taro, { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import InboxPage, { notificationTarget } from './index';

const note = (p: Partial<NotificationDto>): NotificationDto => ({
  id: 1,
  kind: NotificationKind.NeedAccepted,
  title: '需求已受理',
  body: '您的需求已被社区受理',
  path: 'packageResident/pages/need/index?id=11',
  entityType: 'need',
  entityId: 11,
  read: false,
  createdAt: new Date().toISOString(),
  ...p,
});

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
  loginAs(RESIDENT_OF_7);
});

describe('inbox', () => {
  it('opens only known in-app pages, with or without the leading slash', () => {
    expect(notificationTarget({ path: 'packageResident/pages/need/index?id=11' })).toBe(
      '/packageResident/pages/need/index?id=11',
    );
    expect(notificationTarget({ path: '/packageMember/pages/claims/index' })).toBe('/packageMember/pages/claims/index');
    expect(notificationTarget({ path: 'https://evil.example/' })).toBeNull();
    expect(notificationTarget({ path: null })).toBeNull();
  });

  it('says "未读" in words, marks read on open and goes to the page', async () => {
    const calls = fakeApi((method, path) => {
      if (path === '/api/inbox' && method === 'GET') return [200, { items: [note({})], nextCursor: null }];
      if (path === '/api/inbox/read') return [200, { unread: 0 }];
      return undefined;
    });
    render(<InboxPage />);
    expect(await screen.findByText('● 未读')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '未读，需求已受理' }));
    });
    expect(screen.getByText('• 已读')).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/inbox/read')?.body).toEqual({ ids: [1] });
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageResident/pages/need/index?id=11' });
  });
});
