import type { ConnectorAuth } from '../../../core/connectors/definition';
import { PullError } from './pull-error';

/** The most a pull reads of an answer: past it the pull fails with `too_large`. */
export const MAX_ANSWER_BYTES = 20 * 1024 * 1024;

export interface RemoteRequest {
  url: string;
  method: 'GET' | 'POST';
  /** A POST's body, sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
  auth?: ConnectorAuth;
}

export interface RemoteAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

export type RemoteFetch = (req: RemoteRequest) => Promise<RemoteAnswer>;

/** The credentials as headers: bearer, basic, an API-key header, or an LGSP's three named key headers. */
export function authHeaders(auth: ConnectorAuth | undefined): Record<string, string> {
  switch (auth?.type) {
    case undefined:
    case 'none':
      return {};
    case 'bearer':
      return { authorization: `Bearer ${auth.token}` };
    case 'basic':
      return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
    case 'api-key':
      return { [auth.header]: auth.value };
    case 'lgsp':
      return { [auth.headers.appName]: auth.appName, [auth.headers.accessKey]: auth.accessKey, [auth.headers.secretKey]: auth.secretKey };
  }
}

const looksLikeHtml = (contentType: string, head: string): boolean =>
  /text\/html|application\/xhtml/i.test(contentType) || /^\s*(<!doctype html|<html|<head|<body)/i.test(head);

/** A short, printable excerpt of an answer for a reason ("HTTP 403: <title>Request Rejected</title>…"). */
function excerpt(body: Buffer): string {
  const text = body.subarray(0, 400).toString('utf8');
  const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(text)?.[1];
  const flat = (title ?? text).replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}

/**
 * One HTTP request of a pull, with its timeout and size limit. Fails with a PullError: `timeout`, `network`,
 * `too_large`, `http_error` (any status ≥ 400; 5xx, 408 and 429 may be retried, a WAF's 403 may not), or `html_page`
 * (an HTML page answered with 2xx: a login or rejection page is not data).
 */
export const fetchRemote: RemoteFetch = async (req) => {
  const headers: Record<string, string> = { accept: 'application/json, text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;q=0.9, */*;q=0.1', ...req.headers, ...authHeaders(req.auth) };
  let body: string | undefined;
  if (req.method === 'POST') {
    body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? {});
    headers['content-type'] ??= 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(req.url, { method: req.method, headers, body, redirect: 'follow', signal: AbortSignal.timeout(req.timeoutMs) });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new PullError('timeout', `no answer within ${req.timeoutMs} ms`, true);
    throw new PullError('network', `cannot reach ${new URL(req.url).host}: ${e.cause?.code ?? e.message}`, true);
  }
  const contentType = res.headers.get('content-type') ?? '';
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_ANSWER_BYTES) throw new PullError('too_large', `the answer is ${declared} bytes, over ${MAX_ANSWER_BYTES}`, false, res.status);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body ?? []) {
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES) throw new PullError('too_large', `the answer is over ${MAX_ANSWER_BYTES} bytes`, false, res.status);
      chunks.push(Buffer.from(chunk));
    }
  } catch (err) {
    if (err instanceof PullError) throw err;
    const e = err as Error;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new PullError('timeout', `the answer did not finish within ${req.timeoutMs} ms`, true, res.status);
    throw new PullError('network', `the answer broke off: ${e.message}`, true, res.status);
  }
  const answer = { status: res.status, contentType, body: Buffer.concat(chunks) };
  if (res.status >= 400) {
    const retry = res.status >= 500 || res.status === 408 || res.status === 429;
    const waf = (res.status === 403 || res.status === 429) && looksLikeHtml(contentType, answer.body.subarray(0, 200).toString('utf8'));
    throw new PullError('http_error', `HTTP ${res.status}${waf ? ' (a firewall rejection page)' : ''}: ${excerpt(answer.body)}`, retry, res.status);
  }
  if (looksLikeHtml(contentType, answer.body.subarray(0, 200).toString('utf8'))) {
    throw new PullError('html_page', `HTTP ${res.status} answered an HTML page, not data: ${excerpt(answer.body)}`, false, res.status);
  }
  return answer;
};

/** The answer as JSON, or `malformed` (or `html_page` when it is a page). */
export function jsonOf(answer: RemoteAnswer): unknown {
  const text = answer.body.toString('utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new PullError('malformed', `the answer is not JSON (${(err as Error).message})`, false, answer.status);
  }
}
