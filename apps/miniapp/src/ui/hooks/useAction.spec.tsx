import { act, renderHook } from '@testing-library/react';
import Taro, { __taro } from '@test/doubles/taro';
import { ApiError, resetToastDedupe, showErrorToast } from '@/platform/request';
import { useAction } from './useAction';

beforeEach(() => {
  __taro.reset();
  resetToastDedupe();
});

const titles = () =>
  ((Taro.showToast as jest.Mock).mock.calls as unknown as [{ title: string; icon?: string }][]).map(
    ([o]) => `${o.icon}:${o.title}`,
  );

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useAction (busy flag, attempt, toasts)', () => {
  it('is busy while the call runs, then toasts the success text and hands over the answer', async () => {
    const { result } = renderHook(() => useAction<'accept' | 'reject'>());
    const d = deferred<{ id: number }>();
    const onSuccess = jest.fn();
    let done!: Promise<unknown>;
    act(() => {
      done = result.current.run(() => d.promise, { key: 'accept', success: '已受理', onSuccess });
    });
    expect(result.current.busy).toBe('accept');
    await act(async () => {
      d.resolve({ id: 7 });
      await done;
    });
    expect(result.current.busy).toBe('');
    expect(onSuccess).toHaveBeenCalledWith({ id: 7 });
    expect(titles()).toEqual(['success:已受理']);
    await expect(done).resolves.toEqual({ ok: true, data: { id: 7 } });
  });

  it('makes the success text from the answer, with the icon asked for', async () => {
    const { result } = renderHook(() => useAction());
    await act(() => result.current.run(async () => 3, { success: (n) => `已通知 ${n} 名党员`, icon: 'none' }));
    expect(titles()).toEqual(['none:已通知 3 名党员']);
  });

  it('ignores a second tap while the first call runs', async () => {
    const { result } = renderHook(() => useAction());
    const d = deferred<string>();
    const call = jest.fn(() => d.promise);
    let first!: Promise<unknown>;
    let second!: Promise<unknown>;
    act(() => {
      first = result.current.run(call);
      second = result.current.run(call);
    });
    await expect(second).resolves.toBeNull();
    expect(result.current.busy).toBe('busy');
    await act(async () => {
      d.resolve('ok');
      await first;
    });
    expect(call).toHaveBeenCalledTimes(1);
    await act(() => result.current.run(call));
    expect(call).toHaveBeenCalledTimes(2);
  });

  it('toasts the Chinese message of an API error once, and calls onError', async () => {
    const { result } = renderHook(() => useAction());
    const error = new ApiError({ kind: 'http', status: 409, code: 'CONFLICT', message: '名额已满' });
    const onError = jest.fn();
    const onSuccess = jest.fn();
    let r: unknown;
    await act(async () => {
      r = await result.current.run(
        async () => {
          showErrorToast(error.message); // what the request layer does before throwing
          throw error;
        },
        { success: '报名成功', onSuccess, onError },
      );
    });
    expect(r).toEqual({ ok: false, error });
    expect(onError).toHaveBeenCalledWith(error);
    expect(onSuccess).not.toHaveBeenCalled();
    expect(titles()).toEqual(['none:名额已满']);
    expect(result.current.busy).toBe('');
  });

  it('stays quiet about errors the page shows itself, and survives a synchronous throw', async () => {
    const { result } = renderHook(() => useAction());
    await act(() =>
      result.current.run(
        () => {
          throw new Error('boom');
        },
        { errorToast: false },
      ),
    );
    expect(titles()).toEqual([]);
    await act(() =>
      result.current.run(() => {
        throw new Error('boom');
      }),
    );
    expect(titles()).toEqual(['none:出错了，请稍后再试']);
  });
});
