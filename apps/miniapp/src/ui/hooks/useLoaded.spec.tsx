import { act, renderHook, waitFor } from '@testing-library/react';
import { __taro } from '@test/doubles/taro';
import { ApiError } from '@/platform/request';
import { invalidId, useLoaded } from './useLoaded';

beforeEach(() => __taro.reset());

describe('useLoaded (what a page shows)', () => {
  it('loads when the page shows, and keeps what is on screen when a reload fails', async () => {
    let answer: () => Promise<string> = async () => '第一次';
    const { result } = renderHook(() => useLoaded(() => answer(), { active: true }));
    expect(result.current.state).toBe('loading');
    await waitFor(() => expect(result.current.state).toBe('ready'));
    expect(result.current.data).toBe('第一次');

    answer = async () => {
      throw new ApiError({ kind: 'network', status: 0, code: 'NETWORK', message: '网络不太好，请稍后再试' });
    };
    await act(() => result.current.reload());
    expect(result.current.state).toBe('ready');
    expect(result.current.data).toBe('第一次');
    expect(result.current.error).toBe('网络不太好，请稍后再试');
  });

  it('shows the error when the first load fails', async () => {
    const { result } = renderHook(() =>
      useLoaded(
        async () => {
          throw new ApiError({ kind: 'http', status: 404, code: 'NOT_FOUND', message: '任务不存在' });
        },
        { active: true },
      ),
    );
    await waitFor(() => expect(result.current.state).toBe('error'));
    expect(result.current.error).toBe('任务不存在');
    expect(result.current.data).toBeNull();
  });

  it('asks for nothing with an unusable id, or while inactive (signed out)', async () => {
    const fetch = jest.fn(async () => 'x');
    const invalid = renderHook(() =>
      useLoaded(fetch, { active: true, invalid: invalidId(Number('abc'), '没有找到这个任务') }),
    );
    await waitFor(() => expect(invalid.result.current.state).toBe('error'));
    expect(invalid.result.current.error).toBe('没有找到这个任务');
    const inactive = renderHook(() => useLoaded(fetch, { active: false }));
    expect(inactive.result.current.state).toBe('loading');
    expect(fetch).not.toHaveBeenCalled();
    expect([invalidId(3, 'no'), invalidId(0, 'no'), invalidId(1.5, 'no')]).toEqual([null, 'no', 'no']);
  });
});
