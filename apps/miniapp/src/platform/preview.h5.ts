/** H5: no native viewer (see preview.ts); the page shows its own overlay. */
export function previewImages(_urls: string[], _current: string): boolean {
  return false;
}
