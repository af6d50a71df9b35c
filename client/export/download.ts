import { formatDate, formatTime } from '../../core/format';

/** Hands a file to the browser's downloads (an object URL on a temporary link, released after the click). */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `ioc-live_<parts>_20261128-1405.<ext>` in Viet Nam time, ASCII only (safe on every file system). */
export function exportFilename(parts: ReadonlyArray<string | null | undefined>, ext: 'png' | 'csv', at = Date.now()): string {
  const [d = '', m = '', y = ''] = formatDate(at).split('/');
  const time = formatTime(at).slice(0, 5).replace(':', '');
  const slug = parts
    .filter((p): p is string => !!p)
    .map((p) => p.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D'))
    .map((p) => p.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean);
  return `${['ioc-live', ...slug, `${y}${m}${d}-${time}`].join('_')}.${ext}`;
}
