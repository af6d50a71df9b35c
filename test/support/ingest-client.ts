import type { RedisClient } from '../../platform/redis';
import type { IngestReceipt } from '../../core/contract/observation';
import type { Keys } from '../../store/keys';
import { createSource } from '../../store/sources.repo';

export interface PostResult {
  status: number;
  body: IngestReceipt & { error?: { code: string; message: string; issues?: string[] }; rejected: { index: number; code: string; reason: string }[] };
}

/** A source with a real token, created the way `npm run ioc -- source create` does. */
export async function newSource(
  redis: RedisClient,
  k: Keys,
  name: string,
  units: string[] = ['VN'],
  indicators: string[] | '*' = '*',
): Promise<string> {
  return (await createSource(redis, k, { name, units, indicators })).token;
}

export async function postBatch(url: string, token: string | undefined, body: unknown): Promise<PostResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${url}/api/v1/observations`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as PostResult['body'] };
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
