/** Image types accepted for upload, recognised by their first bytes (never by the client's word). */
export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const UPLOAD_TOO_LARGE_MESSAGE = '图片大小不能超过5MB';
export const UPLOAD_WRONG_TYPE_MESSAGE = '只支持 JPG、PNG、WEBP 图片';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The image type of `data` by its magic bytes, or null when it is none of JPEG, PNG, WEBP. */
export function sniffImage(data: Buffer): ImageMime | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  return null;
}
