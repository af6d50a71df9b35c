/** An HTTP answer that is not 2xx, with the server's error code when it sent one (docs/api.md "Errors"). */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** GET a same-origin JSON document (`/api/v1/...`, `/maps/...`). Rejects with HttpError on a non-2xx answer. */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, signal });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new HttpError(response.status, 'bad_json', `${url}: not JSON`);
  }
  if (!response.ok) {
    const error = isObject(body) ? (body as ErrorBody).error : undefined;
    const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
    const message = typeof error?.message === 'string' ? error.message : `${url}: HTTP ${response.status}`;
    throw new HttpError(response.status, code, message);
  }
  if (!isObject(body)) throw new HttpError(response.status, 'bad_json', `${url}: expected a JSON object`);
  return body as T;
}
