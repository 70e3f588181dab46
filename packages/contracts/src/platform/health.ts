/** GET /health/live and /health/ready (outside the /api prefix). */
export interface HealthDto {
  status: 'ok' | 'error';
  /** Only on /health/ready. */
  database?: 'up' | 'down';
}

/** A file the API streams back (xlsx, png, svg, an uploaded photo): not JSON. */
export type FileDownload = ArrayBuffer;

/** A multipart/form-data body with one `file` part (uploads, roster imports). */
export interface MultipartFileBody {
  file: unknown;
}
