import { Redis, type RedisOptions } from 'ioredis';
import { config } from './config';
import { componentLogger } from './logger';

const log = () => componentLogger('redis');

/** The one place that opens Redis connections (ioredis). */
export function openRedis(purpose: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(config().REDIS_URL, {
    connectionName: `ioc-live:${purpose}`,
    lazyConnect: false,
    enableAutoPipelining: false,
    ...options,
  });
  // while Redis is down every reconnect attempt fails: say so once per outage, not at every attempt (ioredis prints
  // each one as an "Unhandled error event" when nothing listens)
  let quiet = false;
  redis.on('error', (err: Error & { code?: string }) => {
    if (quiet) return;
    quiet = true;
    log().warn({ purpose, code: err.code, err: err.message }, 'redis connection lost; reconnecting');
  });
  redis.on('ready', () => (quiet = false));
  return redis;
}

/** A connection for blocking reads and BullMQ workers: commands wait for reconnection instead of failing. */
export function openBlockingRedis(purpose: string): Redis {
  return openRedis(purpose, { maxRetriesPerRequest: null });
}

/**
 * A connection that answers requests (the server's): while Redis is down, a command fails at the next reconnect
 * attempt (within about a second) with ioredis's MaxRetriesPerRequestError, which the API answers 503, instead of
 * waiting for Redis to come back while the caller hangs. It reconnects every second at most.
 */
export function openServingRedis(purpose: string): Redis {
  return openRedis(purpose, { maxRetriesPerRequest: 0, retryStrategy: (times) => Math.min(times * 100, 1000) });
}

/** Resolves once the connection is ready, however many reconnects that takes. */
export function redisReady(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => redis.once('ready', () => resolve()));
}

/**
 * Tells whether Redis answers on this connection: up once it is ready, down as soon as it closes, or when a PING
 * goes unanswered for `pingEveryMs` (a link that died without closing). Calls `onChange` on every change only.
 * Returns a function that stops watching.
 */
export function watchRedis(redis: Redis, onChange: (up: boolean) => void, pingEveryMs = 2000): () => void {
  let up = redis.status === 'ready';
  const set = (next: boolean) => {
    if (next === up) return;
    up = next;
    onChange(up);
  };
  const onReady = () => set(true);
  const onClose = () => set(false);
  redis.on('ready', onReady);
  redis.on('close', onClose);
  const timer = setInterval(() => {
    if (redis.status !== 'ready') return set(false);
    let timeout: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timeout = setTimeout(() => resolve('late'), pingEveryMs)));
    void Promise.race([redis.ping().catch(() => 'failed'), late]).then((answer) => {
      clearTimeout(timeout);
      set(answer === 'PONG');
    });
  }, pingEveryMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    redis.off('ready', onReady);
    redis.off('close', onClose);
  };
}

export async function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
