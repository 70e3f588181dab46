import Taro from '@tarojs/taro';
import { askInPage, inPageOverlays, toastInPage } from './overlays';

/**
 * A modal asking to confirm; resolves false on cancel or when no modal can be shown. The H5 build
 * draws the app's own (platform/overlays, sized for 长辈版); weapp shows WeChat's.
 */
export function confirmModal(title: string, content: string, confirmText = '确定', danger = false): Promise<boolean> {
  if (inPageOverlays()) {
    return askInPage({ title, content, confirmText, cancelText: '取消', danger, showCancel: true });
  }
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

/** A short message: the app's own toast in the H5 build (announced politely), WeChat's on weapp. */
export function toast(title: string, icon: 'none' | 'success' = 'none', duration = 2000): void {
  if (inPageOverlays()) return toastInPage(title, icon, duration);
  try {
    Promise.resolve(Taro.showToast({ title, icon, duration })).catch(() => undefined);
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
