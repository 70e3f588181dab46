/** POST /api/uploads (a photo, multipart). */
export interface UploadResultDto {
  id: string;
  /** What goes into a need's `photos`. */
  url: string;
  mime: string;
  size: number;
}
