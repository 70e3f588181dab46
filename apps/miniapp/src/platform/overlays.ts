import { isH5 } from './env';
import { createStore, useStore } from './store';

/**
 * The app's own confirm dialog, toast and pickers on H5, drawn inside <Page> (ui/Overlays,
 * ui/PickerSheet) so they follow 长辈版 (18-px text, 60-px buttons) and the app's colours: Taro's
 * H5 stand-ins for WeChat's modal, toast and picker have fixed small sizes, a green button below
 * 4.5:1 contrast and no roles. On weapp WeChat's native ones stay (they follow its font size).
 */
export interface DialogRequest {
  id: number;
  title: string;
  content: string;
  confirmText: string;
  cancelText: string;
  danger: boolean;
  showCancel: boolean;
  resolve: (confirmed: boolean) => void;
}

export interface ToastMessage {
  id: number;
  title: string;
  icon: 'none' | 'success';
}

const dialogStore = createStore<DialogRequest | null>(null);
const toastStore = createStore<ToastMessage | null>(null);
let nextId = 1;
let toastTimer: ReturnType<typeof setTimeout> | undefined;

/** Opens the dialog (a pending one is answered "cancel" first); resolves true on confirm. */
export function askInPage(opts: Omit<DialogRequest, 'id' | 'resolve'>): Promise<boolean> {
  dialogStore.get()?.resolve(false);
  return new Promise<boolean>((resolve) => {
    const id = nextId++;
    dialogStore.set({
      ...opts,
      id,
      resolve: (confirmed) => {
        if (dialogStore.get()?.id === id) dialogStore.set(null);
        resolve(confirmed);
      },
    });
  });
}

/** Shows a toast for `duration` ms (a newer one replaces it). */
export function toastInPage(title: string, icon: 'none' | 'success' = 'none', duration = 2000): void {
  if (toastTimer) clearTimeout(toastTimer);
  const id = nextId++;
  toastStore.set({ id, title, icon });
  toastTimer = setTimeout(() => {
    if (toastStore.get()?.id === id) toastStore.set(null);
  }, duration);
}

export function useDialog(): DialogRequest | null {
  return useStore(dialogStore);
}

export function useToast(): ToastMessage | null {
  return useStore(toastStore);
}

let installed = false;

/**
 * H5 only, once at app start: platform/feedback's confirmModal and toast, and the pickers of
 * ui/Field, use the app's own dialog, toast and sheets from then on. (Taro's H5 build turns
 * `Taro.showModal(…)` into a direct import, so replacing the API object would not reach callers.)
 * Unit tests, which never start the app, keep Taro's API.
 */
export function installInPageOverlays(): void {
  if (isH5()) installed = true;
}

/** Whether dialogs, toasts and pickers are the app's own (the H5 build, once started). */
export function inPageOverlays(): boolean {
  return installed;
}
