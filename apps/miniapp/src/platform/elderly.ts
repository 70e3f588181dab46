import Taro from '@tarojs/taro';
import { STORAGE_KEYS } from './env';
import { readJson, writeJson } from './storage';
import { createStore, useStore } from './store';

/**
 * 长辈版 (large-text mode), persisted in Taro storage. When the user never chose, it starts on if
 * their WeChat font size is already large (fontSizeScaleFactor ≥ 1.25).
 */
export interface ElderlyState {
  enabled: boolean;
  /** WeChat's font size setting (1 = standard); text sizes are multiplied by it. */
  systemFontScale: number;
}

export const LARGE_SYSTEM_FONT = 1.25;

export function readSystemFontScale(): number {
  try {
    const getAppBaseInfo = (Taro as unknown as { getAppBaseInfo?: () => { fontSizeScaleFactor?: unknown } })
      .getAppBaseInfo;
    if (typeof getAppBaseInfo !== 'function') return 1;
    const factor = Number(getAppBaseInfo()?.fontSizeScaleFactor);
    if (!Number.isFinite(factor) || factor <= 0) return 1;
    return Math.min(Math.max(factor, 0.8), 2);
  } catch {
    return 1;
  }
}

export function loadElderlyState(): ElderlyState {
  const systemFontScale = readSystemFontScale();
  const stored = readJson<{ enabled?: unknown }>(STORAGE_KEYS.elderly);
  const enabled = typeof stored?.enabled === 'boolean' ? stored.enabled : systemFontScale >= LARGE_SYSTEM_FONT;
  return { enabled, systemFontScale };
}

const elderlyStore = createStore<ElderlyState>(loadElderlyState());

export function getElderly(): ElderlyState {
  return elderlyStore.get();
}

export function setElderly(enabled: boolean): void {
  writeJson(STORAGE_KEYS.elderly, { enabled });
  elderlyStore.set((prev) => (prev.enabled === enabled ? prev : { ...prev, enabled }));
}

export function toggleElderly(): boolean {
  const next = !elderlyStore.get().enabled;
  setElderly(next);
  return next;
}

/** Re-reads storage and the WeChat font size (app show, tests). */
export function reloadElderly(): void {
  elderlyStore.set(loadElderlyState());
}

export function useElderly(): ElderlyState {
  return useStore(elderlyStore);
}

/**
 * Text scale applied to the page: WeChat's font size, and never below 1 in 长辈版 (whose base
 * sizes already meet 18 pt).
 */
export function textScale(state: ElderlyState): number {
  return state.enabled ? Math.max(1, state.systemFontScale) : state.systemFontScale;
}
