import { act, fireEvent, render, screen } from '@testing-library/react';
import { NeedStatus } from '@sbd/contracts';
import { ADMIN_OF_7, fakeApi, loginAs } from '@test/doubles/api';
import { makeNeed } from '@test/doubles/fixtures';
import Taro, { __taro } from '@test/doubles/taro';
import { resetToastDedupe } from '@/platform/request';
import { clearSession } from '@/platform/session';
import TriagePage from './index';

const ADMIN_ACTIONS = ['release', 'accept', 'reject', 'merge', 'fulfil'] as const;

beforeEach(() => {
  __taro.reset();
  clearSession();
  resetToastDedupe();
  loginAs(ADMIN_OF_7);
});

function staffNeed(status: NeedStatus, p = {}) {
  const n = makeNeed({ status, ...p });
  // The API sends the machine's actions that staff may take.
  return { ...n, allowedActions: n.allowedActions.filter((a) => (ADMIN_ACTIONS as readonly string[]).includes(a)) };
}

describe('needs triage (需求分拣)', () => {
  it('受理 on a held need releases it and accepts it in one tap', async () => {
    const held = staffNeed(NeedStatus.Held, { id: 11 });
    const calls = fakeApi((_method, path, _body, query) => {
      if (path === '/api/communities/7/needs/summary')
        return [200, { total: 1, byStatus: { held: 1 }, byCategory: {}, overdueCount: 0, overdue: [] }];
      if (path === '/api/communities/7/needs')
        return [200, { items: query.get('status') === 'held' ? [held] : [], nextCursor: null }];
      if (path === '/api/needs/11/release') return [200, staffNeed(NeedStatus.Submitted, { id: 11 })];
      if (path === '/api/needs/11/accept') return [200, staffNeed(NeedStatus.Accepted, { id: 11 })];
      return undefined;
    });
    render(<TriagePage />);
    const accept = await screen.findByRole('button', { name: '受理：3号楼楼道灯坏了' });
    await act(async () => {
      fireEvent.click(accept);
    });
    expect(await screen.findByText('没有待审核的需求')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
      '/api/needs/11/release',
      '/api/needs/11/accept',
    ]);
  });

  it('驳回 asks for the reason first', async () => {
    const submitted = staffNeed(NeedStatus.Submitted, { id: 12 });
    const calls = fakeApi((_method, path) => {
      if (path === '/api/communities/7/needs/summary')
        return [200, { total: 0, byStatus: {}, byCategory: {}, overdueCount: 0, overdue: [] }];
      if (path === '/api/communities/7/needs') return [200, { items: [submitted], nextCursor: null }];
      if (path === '/api/needs/12/reject') return [200, staffNeed(NeedStatus.Rejected, { id: 12 })];
      return undefined;
    });
    render(<TriagePage />);
    fireEvent.click(await screen.findByRole('button', { name: '驳回：3号楼楼道灯坏了' }));
    fireEvent.click(screen.getByRole('button', { name: '确认驳回' }));
    expect(screen.getByText('！请填写驳回原因，居民会看到')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('驳回原因'), { target: { value: '属物业维修范围，已转物业' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '确认驳回' }));
    });
    expect(calls.find((c) => c.path === '/api/needs/12/reject')?.body).toEqual({ reason: '属物业维修范围，已转物业' });
  });

  it('publishes a task from the accepted needs picked', async () => {
    const a = staffNeed(NeedStatus.Accepted, { id: 13, title: '楼道灯坏了' });
    const b = staffNeed(NeedStatus.Accepted, { id: 14, title: '单元门坏了' });
    fakeApi((_method, path) => {
      if (path === '/api/communities/7/needs/summary')
        return [200, { total: 2, byStatus: {}, byCategory: {}, overdueCount: 1, overdue: [] }];
      if (path === '/api/communities/7/needs') return [200, { items: [a, b], nextCursor: null }];
      return undefined;
    });
    render(<TriagePage />);
    expect(await screen.findByText('⚠ 超过48小时未受理：1 条')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: '已受理' }));
    fireEvent.click(await screen.findByRole('checkbox', { name: '选中“楼道灯坏了”发布任务' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '选中“单元门坏了”发布任务' }));
    fireEvent.click(screen.getByRole('button', { name: '用选中的 2 条需求发布任务' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageAdmin/pages/publish/index?needIds=13,14' });
  });

  it('查看完整号码 asks for a reason, then shows the full contact phone the API answers', async () => {
    const need = staffNeed(NeedStatus.Submitted, { id: 15, contactPhone: '138****0008' });
    const calls = fakeApi((_method, path) => {
      if (path === '/api/communities/7/needs/summary')
        return [200, { total: 1, byStatus: {}, byCategory: {}, overdueCount: 0, overdue: [] }];
      if (path === '/api/communities/7/needs') return [200, { items: [need], nextCursor: null }];
      if (path === '/api/pii-reveals')
        return [
          201,
          {
            objectType: 'need',
            objectId: 15,
            field: 'contactPhone',
            memberUserId: null,
            value: '13800000008',
            revealedAt: new Date().toISOString(),
          },
        ];
      return undefined;
    });
    render(<TriagePage />);
    expect(await screen.findByText('138****0008')).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: '查看完整号码：联系电话（3号楼楼道灯坏了）' }));
    fireEvent.click(screen.getByRole('button', { name: '确认查看' }));
    expect(screen.getByText('！请填写查看完整号码的原因')).toBeTruthy();
    expect(calls.some((c) => c.path === '/api/pii-reveals')).toBe(false);
    fireEvent.change(screen.getByLabelText('查看原因'), { target: { value: '电话联系居民确认上门时间' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '确认查看' }));
    });
    expect(calls.find((c) => c.path === '/api/pii-reveals')?.body).toEqual({
      objectType: 'need',
      objectId: 15,
      field: 'contactPhone',
      reason: '电话联系居民确认上门时间',
    });
    expect(await screen.findByText('13800000008')).toBeTruthy();
  });
});
