/**
 * The community's printable poster (报到海报): in WeChat it carries the mini-program code (scanning
 * opens the register page inside the mini-program, the community filled); on H5 a QR of the web
 * address, labelled 网页版 on the poster. PNG to show and save, A4 PDF to print.
 */
import Taro from '@tarojs/taro';
import { PosterKind, ROUTES } from '@sbd/contracts';
import { bytesToBase64 } from '@/platform/base64';
import { downloadPdf } from '@/platform/download';
import { isH5 } from '@/platform/env';
import { callPath, request } from '@/platform/request';

/** The mini-program code in WeChat, the URL QR on H5 (a mini-program code cannot open a web page). */
export function posterKind(): PosterKind {
  return isH5() ? PosterKind.Url : PosterKind.Wxacode;
}

/** The poster PNG as a data URL (the endpoint needs the Authorization header). */
export async function fetchPosterDataUrl(communityId: number, kind = posterKind()): Promise<string> {
  const buf = await request<ArrayBuffer>(callPath(ROUTES.org.posterPng, { id: communityId }), {
    query: { kind },
    responseType: 'arraybuffer',
    timeout: 60_000,
  });
  return `data:image/png;base64,${bytesToBase64(new Uint8Array(buf))}`;
}

/** The A4 PDF: saved on H5, opened in WeChat's viewer (print, forward) in the mini-program. */
export function downloadPosterPdf(communityId: number, communityName: string, kind = posterKind()): Promise<boolean> {
  return downloadPdf({
    path: callPath(ROUTES.org.posterPdf, { id: communityId }),
    query: { kind },
    filename: `${communityName}-报到海报.pdf`,
  });
}

/** Saves the poster image: a download on H5, the photo album on weapp. */
export async function savePosterImage(dataUrl: string, communityId: number, communityName: string): Promise<void> {
  if (isH5()) {
    const a = document.createElement('a');
    a.href = dataUrl;
    a.download = `${communityName}-报到海报.png`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    return;
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/sbd-poster-${communityId}.png`;
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: dataUrl.replace(/^data:image\/png;base64,/, ''),
      encoding: 'base64',
      success: () => resolve(),
      fail: (e) => reject(e),
    });
  });
  await Taro.saveImageToPhotosAlbum({ filePath });
}
