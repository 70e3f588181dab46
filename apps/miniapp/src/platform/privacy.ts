import Taro from '@tarojs/taro';
import { createStore, useStore } from './store';

/**
 * WeChat's privacy authorization (app.json `__usePrivacyCheck__: true`): the first call of a
 * privacy API (getLocation, chooseMedia, the phone-number button, …) waits until the app shows its
 * own notice and answers through wx.onNeedPrivacyAuthorization. weapp only: H5 has no such check.
 */

/** id of the 同意 button (open-type="agreePrivacyAuthorization"); WeChat checks it was tapped. */
export const AGREE_BUTTON_ID = 'agree-btn';

export type PrivacyAnswer = Taro.onNeedPrivacyAuthorization.ResolveOption;
type Resolve = (answer: PrivacyAnswer) => void;

interface PendingRequest {
  /** Every privacy call waiting for the user (two may ask at once); all get the same answer. */
  resolves: Resolve[];
  /** Set once the notice has been reported shown (exposureAuthorization). */
  exposed: boolean;
}

const pending = createStore<PendingRequest | null>(null);
let watching = false;
const agreedListeners = new Set<() => void>();

/**
 * Calls `listener` each time the user taps 同意 in the dialog (after WeChat has been answered), so
 * a feature can record the consent on the server. Returns the unsubscribe.
 */
export function onPrivacyAgreed(listener: () => void): () => void {
  agreedListeners.add(listener);
  return () => agreedListeners.delete(listener);
}

/**
 * Registers the listener once (call it when the app starts). Returns whether it is registered:
 * false on H5 and on base libraries without wx.onNeedPrivacyAuthorization.
 */
export function watchPrivacyAuthorization(): boolean {
  if (watching) return true;
  if (process.env.TARO_ENV !== 'weapp') return false;
  if (typeof Taro.onNeedPrivacyAuthorization !== 'function') return false;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    pending.set((prev) => ({ resolves: [...(prev?.resolves ?? []), resolve], exposed: prev?.exposed ?? false }));
  });
  watching = true;
  return true;
}

function answer(reply: PrivacyAnswer): void {
  const request = pending.get();
  if (!request) return;
  pending.set(null);
  for (const resolve of request.resolves) resolve(reply);
}

/** The open request, if any, and the user's answers (for PrivacyAuthDialog). */
export function usePrivacyRequest() {
  const request = useStore(pending);
  return {
    open: !!request,
    /** Tells WeChat the notice is on screen (once per request). */
    reportShown: () => {
      const current = pending.get();
      if (!current || current.exposed) return;
      pending.set({ ...current, exposed: true });
      for (const resolve of current.resolves) resolve({ event: 'exposureAuthorization' });
    },
    agree: () => {
      answer({ buttonId: AGREE_BUTTON_ID, event: 'agree' });
      for (const listener of agreedListeners) listener();
    },
    disagree: () => answer({ event: 'disagree' }),
  };
}

/** Opens WeChat's page with the mini-program's privacy guidelines (weapp only). */
export function openPrivacyContract(): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.openPrivacyContract !== 'function') return;
  try {
    Taro.openPrivacyContract({});
  } catch {
    // older base library: the dialog text still says what is collected
  }
}
