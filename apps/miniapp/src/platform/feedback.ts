import Taro from '@tarojs/taro';

/** A modal asking to confirm; resolves false on cancel or when no modal can be shown. */
export function confirmModal(title: string, content: string, confirmText = '确定', danger = false): Promise<boolean> {
  try {
    return Promise.resolve(
      Taro.showModal({
        title,
        content,
        confirmText,
        cancelText: '取消',
        ...(danger ? { confirmColor: '#b3261e' } : {}),
      }),
    )
      .then((r) => !!r?.confirm)
      .catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}

export function toast(title: string, icon: 'none' | 'success' = 'none'): void {
  try {
    Promise.resolve(Taro.showToast({ title, icon, duration: 2000 })).catch(() => undefined);
  } catch {
    // no UI (tests, background)
  }
}

export function stopPullDown(): void {
  try {
    Promise.resolve(Taro.stopPullDownRefresh()).catch(() => undefined);
  } catch {
    // not supported
  }
}
