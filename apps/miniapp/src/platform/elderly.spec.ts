import Taro, { __taro } from '@test/doubles/taro';
import { STORAGE_KEYS } from './env';

type ElderlyModule = typeof import('./elderly');

/** A fresh copy of the module, as on a new app launch (it reads storage when loaded). */
function launch(): ElderlyModule {
  let mod: ElderlyModule | undefined;
  jest.isolateModules(() => {
    mod = jest.requireActual('./elderly') as ElderlyModule;
  });
  return mod as ElderlyModule;
}

beforeEach(() => __taro.reset());

describe('长辈版 (elderly mode)', () => {
  it('is off by default at the standard WeChat font size', () => {
    expect(launch().getElderly()).toEqual({ enabled: false, systemFontScale: 1 });
  });

  it('persists the choice in Taro storage across launches', () => {
    const first = launch();
    first.setElderly(true);
    expect(Taro.getStorageSync(STORAGE_KEYS.elderly)).toBe(JSON.stringify({ enabled: true }));
    expect(launch().getElderly().enabled).toBe(true);

    launch().setElderly(false);
    expect(launch().getElderly().enabled).toBe(false);
  });

  it('toggles and notifies subscribers', () => {
    const m = launch();
    expect(m.toggleElderly()).toBe(true);
    expect(m.getElderly().enabled).toBe(true);
    expect(m.toggleElderly()).toBe(false);
  });

  it('follows a large WeChat font size when the user never chose', () => {
    (Taro.getAppBaseInfo as jest.Mock).mockReturnValue({ fontSizeScaleFactor: 1.4 });
    const m = launch();
    expect(m.getElderly()).toEqual({ enabled: true, systemFontScale: 1.4 });
    expect(m.textScale(m.getElderly())).toBe(1.4);
    m.setElderly(false);
    expect(launch().getElderly().enabled).toBe(false);
  });

  it('never scales text below the 长辈版 base sizes, and survives a missing API', () => {
    (Taro.getAppBaseInfo as jest.Mock).mockReturnValue({ fontSizeScaleFactor: 0.9 });
    const m = launch();
    expect(m.textScale({ enabled: true, systemFontScale: 0.9 })).toBe(1);
    expect(m.textScale({ enabled: false, systemFontScale: 0.9 })).toBe(0.9);
    (Taro.getAppBaseInfo as jest.Mock).mockImplementation(() => {
      throw new Error('not supported');
    });
    expect(launch().getElderly().systemFontScale).toBe(1);
  });
});
