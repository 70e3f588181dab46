/**
 * Picking photos with chooseMedia (chooseImage only where it is missing), and opening the tab
 * pages (首页 / 任务 / 消息 / 我的) with switchTab, which is the only call WeChat accepts for them.
 */
import { PAGES, pageUrl } from '@sbd/contracts';
import Taro, { __taro } from '@test/doubles/taro';
import { choosePhotos } from '@/platform/uploads';
import { isTabPage, openPage, replacePage } from '@/platform/nav';

const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => __taro.reset());

describe('picking photos', () => {
  it('asks chooseMedia for compressed images from the album or the camera', async () => {
    (Taro.chooseMedia as jest.Mock).mockResolvedValueOnce({
      type: 'image',
      tempFiles: [
        { tempFilePath: 'wxfile://tmp/a.jpg', size: 120_000, fileType: 'image' },
        { tempFilePath: 'wxfile://tmp/b.jpg', size: 98_000, fileType: 'image' },
      ],
    });

    await expect(choosePhotos(2)).resolves.toEqual([
      { path: 'wxfile://tmp/a.jpg', size: 120_000 },
      { path: 'wxfile://tmp/b.jpg', size: 98_000 },
    ]);
    expect(Taro.chooseMedia).toHaveBeenCalledWith({
      count: 2,
      mediaType: ['image'],
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
    });
    expect(Taro.chooseImage).not.toHaveBeenCalled();
  });

  it('returns nothing when the user cancels', async () => {
    (Taro.chooseMedia as jest.Mock).mockRejectedValueOnce({ errMsg: 'chooseMedia:fail cancel' });
    await expect(choosePhotos(3)).resolves.toEqual([]);
  });

  it('falls back to chooseImage on a base library without chooseMedia', async () => {
    const taro = Taro as unknown as Record<string, unknown>;
    const chooseMedia = taro.chooseMedia;
    taro.chooseMedia = undefined;
    (Taro.chooseImage as jest.Mock).mockResolvedValueOnce({
      tempFilePaths: ['wxfile://tmp/c.jpg'],
      tempFiles: [{ path: 'wxfile://tmp/c.jpg', size: 5_000 }],
    });
    try {
      await expect(choosePhotos(1)).resolves.toEqual([{ path: 'wxfile://tmp/c.jpg', size: 5_000 }]);
    } finally {
      taro.chooseMedia = chooseMedia;
    }
    expect(Taro.chooseImage).toHaveBeenCalledWith({
      count: 1,
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
    });
  });
});

describe('opening tab pages', () => {
  it('knows the four tab pages, with or without a query', () => {
    for (const page of [PAGES.home, PAGES.tasks, PAGES.inbox, PAGES.me]) expect(isTabPage(page)).toBe(true);
    expect(isTabPage(`${PAGES.inbox}?from=notice`)).toBe(true);
    expect(isTabPage(PAGES.claims)).toBe(false);
    expect(isTabPage(pageUrl(PAGES.task, { id: 7 }))).toBe(false);
  });

  it('switches to a tab (dropping the query switchTab refuses) instead of navigating to it', async () => {
    openPage(PAGES.tasks);
    openPage(`${PAGES.me}?x=1`);
    replacePage(PAGES.inbox);
    await flush();
    expect((Taro.switchTab as jest.Mock).mock.calls.map(([o]) => o)).toEqual([
      { url: PAGES.tasks },
      { url: PAGES.me },
      { url: PAGES.inbox },
    ]);
    expect(Taro.navigateTo).not.toHaveBeenCalled();
    expect(Taro.redirectTo).not.toHaveBeenCalled();
  });

  it('still navigates to the other pages', async () => {
    openPage(pageUrl(PAGES.task, { id: 7 }));
    replacePage(PAGES.status);
    await flush();
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageMember/pages/task/index?id=7' });
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: PAGES.status });
    expect(Taro.switchTab).not.toHaveBeenCalled();
  });
});
