import Taro from '@tarojs/taro';

/**
 * Opens WeChat's own full-screen image viewer; answers false where there is none. The H5 build
 * resolves utils/preview.h5.ts instead (Taro's multi-platform files): Taro's H5 previewImage
 * brings a whole swiper library (≈70 KB gzip) into the shared page chunk.
 */
export function previewImages(urls: string[], current: string): boolean {
  try {
    Promise.resolve(Taro.previewImage({ urls, current })).catch(() => undefined);
    return true;
  } catch {
    return false;
  }
}
