/**
 * Test double for @tarojs/taro: in-memory storage, jest.fn() for request/navigation/UI, and the
 * page hooks mapped onto React effects. Only what the app uses.
 */
import { useEffect } from 'react';

type Params = Record<string, string | undefined>;

type PrivacyListener = (
  resolve: (answer: { event: string; buttonId?: string }) => void,
  info: { referrer: string },
) => void;

function createDouble() {
  return {
    privacyListener: null as PrivacyListener | null,
    /** What useShareAppMessage was given last (the page's share card). */
    shareHandler: null as (() => unknown) | null,
    storage: new Map<string, unknown>(),
    route: { path: '/pages/index/index', params: {} as Params, pages: 1 },
    request: jest.fn(),
    login: jest.fn(async () => ({ code: 'wx-code', errMsg: 'login:ok' })),
    showToast: jest.fn(async (opts: unknown) => {
      void opts;
      return { errMsg: 'showToast:ok' };
    }),
    showModal: jest.fn(async (opts: unknown) => {
      void opts;
      return { confirm: true, cancel: false, errMsg: 'showModal:ok' };
    }),
    navigateTo: jest.fn(async (opts: unknown) => {
      void opts;
      return { errMsg: 'navigateTo:ok' };
    }),
    redirectTo: jest.fn(async (opts: unknown) => {
      void opts;
      return { errMsg: 'redirectTo:ok' };
    }),
    switchTab: jest.fn(async (opts: unknown) => {
      void opts;
      return { errMsg: 'switchTab:ok' };
    }),
    reLaunch: jest.fn(async (opts: unknown) => {
      void opts;
      return { errMsg: 'reLaunch:ok' };
    }),
    navigateBack: jest.fn(async () => ({ errMsg: 'navigateBack:ok' })),
    stopPullDownRefresh: jest.fn(async () => ({ errMsg: 'stopPullDownRefresh:ok' })),
    scanCode: jest.fn(async (opts: unknown) => {
      void opts;
      return { result: '', path: '' };
    }),
    saveImageToPhotosAlbum: jest.fn(async (opts: unknown) => {
      void opts;
      return { errMsg: 'ok' };
    }),
    getFileSystemManager: jest.fn(() => ({
      writeFile: jest.fn(),
      writeFileSync: jest.fn(),
      readFileSync: jest.fn((): string => ''),
    })),
    downloadFile: jest.fn(async (opts: unknown) => {
      void opts;
      return { statusCode: 200, tempFilePath: 'wxfile://tmp/download.xlsx', filePath: '', errMsg: 'downloadFile:ok' };
    }),
    openDocument: jest.fn(async (opts: unknown) => {
      void opts;
      return { errMsg: 'openDocument:ok' };
    }),
    chooseMessageFile: jest.fn(async (opts: unknown) => {
      void opts;
      return {
        tempFiles: [] as { path: string; name: string; size: number; type: string; time: number }[],
        errMsg: 'chooseMessageFile:ok',
      };
    }),
    getAppBaseInfo: jest.fn((): { fontSizeScaleFactor?: number } => ({ fontSizeScaleFactor: 1 })),
    chooseImage: jest.fn(async (opts: unknown) => {
      void opts;
      return { tempFilePaths: [] as string[], tempFiles: [] as { path: string; size: number }[] };
    }),
    chooseMedia: jest.fn(async (opts: unknown) => {
      void opts;
      return { type: 'image', tempFiles: [] as { tempFilePath: string; size: number; fileType: string }[] };
    }),
    /** WeChat's privacy check: the listener is kept in `privacyListener` for a test to call. */
    onNeedPrivacyAuthorization: jest.fn((listener: unknown) => {
      d.privacyListener = listener as PrivacyListener;
    }),
    openPrivacyContract: jest.fn((opts: unknown) => {
      void opts;
    }),
    uploadFile: jest.fn(async (opts: unknown) => {
      void opts;
      return { statusCode: 201, data: '{}' };
    }),
    getLocation: jest.fn(async (opts: unknown) => {
      void opts;
      return { latitude: 32.0123, longitude: 120.8642, accuracy: 20 };
    }),
    openLocation: jest.fn(async (opts: unknown) => {
      void opts;
      return { errMsg: 'openLocation:ok' };
    }),
    previewImage: jest.fn(async (opts: unknown) => {
      void opts;
      return { errMsg: 'previewImage:ok' };
    }),
    setKeepScreenOn: jest.fn(async (opts: unknown) => {
      void opts;
      return { errMsg: 'setKeepScreenOn:ok' };
    }),
    /** Accepts every template asked for, unless a test says otherwise. */
    requestSubscribeMessage: jest.fn(async (opts: { tmplIds: string[] }) => {
      const out: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
      for (const id of opts.tmplIds) out[id] = 'accept';
      return out;
    }),
  };
}

// One instance per test file, shared even by modules loaded with jest.isolateModules().
const holder = globalThis as unknown as { __taroDouble?: ReturnType<typeof createDouble> };
const d = (holder.__taroDouble ??= createDouble());
const storage = d.storage;
const state = d.route;

export const request = d.request;
export const login = d.login;
export const showToast = d.showToast;
export const showModal = d.showModal;
export const navigateTo = d.navigateTo;
export const redirectTo = d.redirectTo;
export const reLaunch = d.reLaunch;
export const navigateBack = d.navigateBack;
export const stopPullDownRefresh = d.stopPullDownRefresh;
export const scanCode = d.scanCode;
export const saveImageToPhotosAlbum = d.saveImageToPhotosAlbum;
export const getFileSystemManager = d.getFileSystemManager;
export const getAppBaseInfo = d.getAppBaseInfo;
export const chooseImage = d.chooseImage;
export const chooseMedia = d.chooseMedia;
export const switchTab = d.switchTab;
export const onNeedPrivacyAuthorization = d.onNeedPrivacyAuthorization;
export const openPrivacyContract = d.openPrivacyContract;
export const uploadFile = d.uploadFile;
export const getLocation = d.getLocation;
export const openLocation = d.openLocation;
export const previewImage = d.previewImage;
export const setKeepScreenOn = d.setKeepScreenOn;
export const requestSubscribeMessage = d.requestSubscribeMessage;
export const downloadFile = d.downloadFile;
export const openDocument = d.openDocument;
export const chooseMessageFile = d.chooseMessageFile;
export const env = { USER_DATA_PATH: 'wxfile://usr' };

export function getStorageSync(key: string): unknown {
  return storage.has(key) ? storage.get(key) : '';
}
export function setStorageSync(key: string, value: unknown): void {
  storage.set(key, value);
}
export function removeStorageSync(key: string): void {
  storage.delete(key);
}

export function getCurrentInstance() {
  return { router: { path: state.path, params: state.params } };
}
export function getCurrentPages() {
  return Array.from({ length: state.pages }, () => ({}));
}

export function useRouter() {
  return { path: state.path, params: state.params };
}
export function useDidShow(cb: () => void): void {
  useEffect(() => cb(), []);
}
export const useLoad = useDidShow;
export function useDidHide(cb: () => void): void {
  useEffect(() => () => cb(), []);
}
export const useUnload = useDidHide;
export function useReachBottom(cb: () => void): void {
  void cb;
}
export function usePullDownRefresh(cb: () => void): void {
  void cb;
}
export function useShareAppMessage(cb: () => unknown): void {
  d.shareHandler = cb;
}

/** Test helpers (not part of Taro). */
export const __taro = {
  storage,
  /** The listener the app gave wx.onNeedPrivacyAuthorization (null until registered). */
  get privacyListener() {
    return d.privacyListener;
  },
  /** The share card the page on screen would send (weapp 转发), or null without useShareAppMessage. */
  share(): unknown {
    return d.shareHandler ? d.shareHandler() : null;
  },
  setRoute(path: string, params: Params = {}, pages = 1) {
    state.path = path;
    state.params = params;
    state.pages = pages;
  },
  reset() {
    storage.clear();
    state.path = '/pages/index/index';
    state.params = {};
    state.pages = 1;
    d.privacyListener = null;
    d.shareHandler = null;
    for (const fn of [
      switchTab,
      chooseMedia,
      onNeedPrivacyAuthorization,
      openPrivacyContract,
      request,
      login,
      showToast,
      showModal,
      navigateTo,
      redirectTo,
      reLaunch,
      navigateBack,
      getAppBaseInfo,
      chooseImage,
      uploadFile,
      getLocation,
      openLocation,
      scanCode,
      downloadFile,
      openDocument,
      chooseMessageFile,
      getFileSystemManager,
      requestSubscribeMessage,
    ]) {
      fn.mockClear();
    }
    request.mockReset();
    getAppBaseInfo.mockImplementation(() => ({ fontSizeScaleFactor: 1 }));
  },
};

const Taro = {
  request,
  login,
  showToast,
  showModal,
  navigateTo,
  redirectTo,
  reLaunch,
  switchTab,
  navigateBack,
  stopPullDownRefresh,
  scanCode,
  chooseMedia,
  onNeedPrivacyAuthorization,
  openPrivacyContract,
  saveImageToPhotosAlbum,
  getFileSystemManager,
  getAppBaseInfo,
  chooseImage,
  uploadFile,
  getLocation,
  openLocation,
  previewImage,
  setKeepScreenOn,
  requestSubscribeMessage,
  downloadFile,
  openDocument,
  chooseMessageFile,
  getStorageSync,
  setStorageSync,
  removeStorageSync,
  getCurrentInstance,
  getCurrentPages,
  env,
};

export default Taro;
