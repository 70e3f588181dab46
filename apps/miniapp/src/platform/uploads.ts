import Taro from '@tarojs/taro';
import { ROUTES, type UploadResultDto } from '@sbd/contracts';
import { ApiError, buildUrl, callPath, httpError, refreshTokens, showErrorToast, transportError } from './request';
import { getSession } from './session';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

async function send(filePath: string): Promise<{ status: number; data: unknown }> {
  const token = getSession()?.accessToken;
  try {
    const res = await Taro.uploadFile({
      url: buildUrl(callPath(ROUTES.uploads.upload)),
      filePath,
      name: 'file',
      header: token ? { Authorization: `Bearer ${token}` } : {},
      timeout: 60_000,
    });
    let data: unknown = res.data;
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data);
      } catch {
        // keep the text
      }
    }
    return { status: res.statusCode, data };
  } catch (err) {
    throw transportError(err);
  }
}

/**
 * Uploads one photo (multipart field `file`) with the access token, refreshing it once on 401 like
 * every other request. Errors are toasted and thrown as ApiError.
 */
export async function uploadPhoto(filePath: string): Promise<UploadResultDto> {
  try {
    let res = await send(filePath);
    if (res.status === 401 && (await refreshTokens()) === 'ok') res = await send(filePath);
    if (res.status >= 200 && res.status < 300) return res.data as UploadResultDto;
    throw httpError(res.status, res.data);
  } catch (e) {
    const err = e instanceof ApiError ? e : transportError(e);
    showErrorToast(err.message);
    throw err;
  }
}

/** A picked photo: its temporary path, and its size in bytes (0 when the platform does not say). */
export interface PickedPhoto {
  path: string;
  size: number;
}

/**
 * Lets the user pick up to `count` photos (camera or album), compressed, with Taro.chooseMedia
 * (weapp and H5; on H5 it is a file input). chooseImage, which WeChat deprecated, is used only
 * where chooseMedia is missing (base library < 2.10). Cancelling returns [].
 */
export async function choosePhotos(count: number): Promise<PickedPhoto[]> {
  try {
    if (typeof Taro.chooseMedia === 'function') {
      const res = await Taro.chooseMedia({
        count,
        mediaType: ['image'],
        sizeType: ['compressed'],
        sourceType: ['album', 'camera'],
      });
      return (res.tempFiles ?? []).map((f) => ({ path: f.tempFilePath, size: f.size ?? 0 }));
    }
    const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    const files = (res.tempFiles ?? []) as PickedPhoto[];
    if (files.length) return files;
    return (res.tempFilePaths ?? []).map((path) => ({ path, size: 0 }));
  } catch {
    return []; // cancelled
  }
}
