import type { UploadPreview, UploadReceipt } from '../../core/contract/uploads';
import { credentialHeaders } from './credentials';
import { HttpError, sendJson } from './http';

/** Staff uploads (docs/api.md "Uploads"): the template as a file, a file's preview, its commit. */

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function failure(url: string, response: Response): Promise<HttpError> {
  let error: { code?: unknown; message?: unknown } | undefined;
  try {
    error = ((await response.json()) as { error?: typeof error }).error;
  } catch {
    // not JSON: the status says it
  }
  const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
  return new HttpError(response.status, code, typeof error?.message === 'string' ? error.message : `${url}: HTTP ${response.status}`);
}

/** The file name a Content-Disposition gives, else the fallback. */
function attachmentName(header: string | null, fallback: string): string {
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header ?? '');
  return m ? decodeURIComponent(m[1]!) : fallback;
}

export async function fetchTemplate(indicators: readonly string[], format: 'xlsx' | 'csv'): Promise<{ blob: Blob; filename: string }> {
  const url = `/api/v1/uploads/template?indicators=${encodeURIComponent(indicators.join(','))}&format=${format}`;
  const response = await fetch(url, { headers: credentialHeaders('GET') });
  if (!response.ok) throw await failure(url, response);
  return { blob: await response.blob(), filename: attachmentName(response.headers.get('content-disposition'), `mau-so-lieu.${format}`) };
}

/** The type a file is sent as: what the browser says when it is one of ours, else by its extension (the server reads the bytes anyway). */
function typeOf(file: File): string {
  if (/\.xlsx$/i.test(file.name)) return XLSX_TYPE;
  if (/\.csv$/i.test(file.name)) return 'text/csv';
  return file.type || 'application/octet-stream';
}

/** Sends the file as the raw body; the answer is every row accepted or rejected, nothing written yet. */
export async function previewUpload(file: File): Promise<UploadPreview> {
  if (file.size > MAX_UPLOAD_BYTES) throw new HttpError(413, 'too_large', `${file.name} is over 5 MB`);
  const url = `/api/v1/uploads?name=${encodeURIComponent(file.name)}`;
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': typeOf(file), accept: 'application/json', ...credentialHeaders('POST') }, body: file });
  if (!response.ok) throw await failure(url, response);
  return (await response.json()) as UploadPreview;
}

export function commitUpload(id: string): Promise<UploadReceipt> {
  return sendJson<UploadReceipt>('POST', `/api/v1/uploads/${encodeURIComponent(id)}/commit`);
}
