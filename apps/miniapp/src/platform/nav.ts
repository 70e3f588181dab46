import Taro from '@tarojs/taro';
import { PAGES, TAB_PAGES } from '@sbd/contracts';

const INTERNAL_PARAMS = new Set(['$taroTimestamp', 'stamp', '__key_']);

/** Path plus query of the page on screen, e.g. /packageMember/pages/register/index?community=A1. */
export function currentPageUrl(): string {
  try {
    const router = Taro.getCurrentInstance()?.router;
    if (!router) return PAGES.home;
    const path = (router.path || PAGES.home).split('?')[0];
    const query = Object.entries(router.params || {})
      .filter(([k, v]) => !INTERNAL_PARAMS.has(k) && v !== undefined && v !== '')
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&');
    return query ? `${path}?${query}` : path;
  } catch {
    return PAGES.home;
  }
}

/** Only in-app absolute paths are accepted as redirect targets. */
export function safeRedirect(target: string | undefined | null): string | null {
  if (!target) return null;
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.startsWith('//')) return null;
  const path = decoded.split('?')[0];
  const known = Object.values(PAGES) as string[];
  return known.includes(path) && path !== PAGES.login ? decoded : null;
}

let goingToLogin = false;

/** Sends the user to the login page, remembering where they were. Never throws. */
export function goLogin(redirect: string = currentPageUrl()): void {
  if (goingToLogin) return;
  const from = redirect.split('?')[0];
  if (from === PAGES.login) return;
  goingToLogin = true;
  const target = safeRedirect(redirect);
  const url = target && target !== PAGES.home ? `${PAGES.login}?redirect=${encodeURIComponent(target)}` : PAGES.login;
  void safely(() => Taro.reLaunch({ url })).finally(() => {
    goingToLogin = false;
  });
}

/** Runs a Taro navigation call; a sync throw or a rejection becomes a resolved `false`. */
function safely(call: () => unknown): Promise<boolean> {
  try {
    return Promise.resolve(call()).then(
      () => true,
      () => false,
    );
  } catch {
    return Promise.resolve(false);
  }
}

/** A tab page (首页 / 任务 / 消息 / 我的): navigateTo and redirectTo refuse these. */
export function isTabPage(url: string): boolean {
  return (TAB_PAGES as readonly string[]).includes(url.split('?')[0]);
}

/** switchTab takes no query: a tab page is opened by its path alone. */
function switchTab(url: string): void {
  void safely(() => Taro.switchTab({ url: url.split('?')[0] }));
}

/**
 * Opens a page: switchTab for a tab page, else navigateTo, falling back to redirectTo when the
 * weapp page stack is full. Never throws.
 */
export function openPage(url: string): void {
  if (isTabPage(url)) return switchTab(url);
  void safely(() => Taro.navigateTo({ url })).then((ok) => {
    if (!ok) void safely(() => Taro.redirectTo({ url }));
  });
}

/** Replaces the current page (no way back to it; a tab page is switched to). Never throws. */
export function replacePage(url: string): void {
  if (isTabPage(url)) return switchTab(url);
  void safely(() => Taro.redirectTo({ url }));
}

export function goHome(): void {
  void safely(() => Taro.reLaunch({ url: PAGES.home }));
}

/** Back one page, or home when this page was opened directly (H5 deep link, QR scan). */
export function goBack(): void {
  const depth = (() => {
    try {
      return Taro.getCurrentPages().length;
    } catch {
      return 1;
    }
  })();
  if (depth > 1) {
    void safely(() => Taro.navigateBack()).then((ok) => {
      if (!ok) goHome();
    });
  } else {
    goHome();
  }
}

/**
 * An address that is no page of the app (an H5 link with a typo, an old link, a page removed from
 * weapp) opens 页面不存在 in its place, with the address shown. Call once, at app start.
 */
export function watchPageNotFound(): void {
  try {
    Taro.onPageNotFound?.((res) => {
      const url = `${PAGES.notFound}?path=${encodeURIComponent(String(res?.path ?? ''))}`;
      void safely(() => Taro.redirectTo({ url })).then((ok) => {
        if (!ok) void safely(() => Taro.reLaunch({ url }));
      });
    });
  } catch {
    // no app events (tests)
  }
}
