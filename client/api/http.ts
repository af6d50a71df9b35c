import { ACCESS_CODES, type AccessCode } from '../../core/access/principal';
import { credentialHeaders, reportUnauthorized } from './credentials';

/**
 * An HTTP answer that is not 2xx, with the server's error code when it sent one (docs/api.md "Errors"): read `code`
 * (and `access` for a refused access), never the message, to decide what to do or say.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The server's validation issues, `"field: message"` each. */
    readonly issues: readonly string[] = [],
    /** Why access was refused (a 401 `unauthorized` or 403 `forbidden`), when the server said. */
    readonly access?: AccessCode,
    /** The answer's other fields beside `error` (e.g. a 409 `authority_conflict`'s `conflicts`). */
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; issues?: unknown; access?: unknown };
}

/** The access code a server's answer or socket refusal names, if it is one this client knows. */
export function accessCodeOf(value: unknown): AccessCode | undefined {
  return ACCESS_CODES.find((c) => c === value);
}

/** Why a socket handshake was refused: socket.io's `connect_error` carries the server's `data` (`{ code, access }`). */
export function accessOfHandshake(error: Error): AccessCode | undefined {
  const data = (error as Error & { data?: unknown }).data;
  return isObject(data) ? accessCodeOf(data.access) : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** GET a same-origin JSON document (`/api/v1/...`, `/maps/...`). Rejects with HttpError on a non-2xx answer. */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json', ...credentialHeaders('GET') }, signal });
  if (response.status === 401) reportUnauthorized(url);
  return readAnswer<T>(url, response);
}

/**
 * A change (`POST`, `PUT`, `PATCH`, `DELETE`) with a JSON body, carrying the session's CSRF token. A 401 here is the
 * caller's to show (a wrong password, an expired session in the middle of a form), not a reason to leave the page.
 */
export async function sendJson<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...credentialHeaders(method) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return readAnswer<T>(url, response);
}

async function readAnswer<T>(url: string, response: Response): Promise<T> {
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
    const issues = Array.isArray(error?.issues) ? error.issues.filter((i): i is string => typeof i === 'string') : [];
    const { error: _error, ...detail } = isObject(body) ? body : {};
    throw new HttpError(response.status, code, message, issues, accessCodeOf(error?.access), detail);
  }
  if (!isObject(body)) throw new HttpError(response.status, 'bad_json', `${url}: expected a JSON object`);
  return body as T;
}
