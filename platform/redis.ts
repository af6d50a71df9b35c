import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { config, type Config } from './config';
import { componentLogger } from './logger';

const log = () => componentLogger('redis');

/**
 * A connection as the rest of the code holds it: one Redis (REDIS_URL, or the primary REDIS_SENTINELS name), or a
 * Redis Cluster (REDIS_CLUSTER). Both have the same command surface; every key of one instance shares its hash tag
 * (store/keys.ts), so on a Cluster its commands, transactions and scripts all go to the one primary of that slot.
 */
export type RedisClient = Redis | Cluster;

/** Where Redis is (the config entries that say it). */
export type RedisTarget = Pick<Config, 'REDIS_URL' | 'REDIS_SENTINELS' | 'REDIS_SENTINEL_NAME' | 'REDIS_CLUSTER'>;

/** Where this process looks for Redis, in words (for messages): the URL, the sentinels and name, or the cluster's seeds. */
export function describeRedis(target: RedisTarget = config()): string {
  const list = (nodes: readonly { host: string; port: number }[]) => nodes.map((n) => `${n.host.includes(':') ? `[${n.host}]` : n.host}:${n.port}`).join(',');
  if (target.REDIS_CLUSTER) return `Redis Cluster ${list(target.REDIS_CLUSTER)}`;
  if (target.REDIS_SENTINELS) return `primary ${target.REDIS_SENTINEL_NAME} of sentinels ${list(target.REDIS_SENTINELS)}`;
  return `Redis at ${target.REDIS_URL}`;
}

/** A client for `target` (this process's config by default): a Cluster client, a Sentinel-backed one, or one Redis. */
export function connectRedis(target: RedisTarget = config(), options: RedisOptions = {}): RedisClient {
  if (target.REDIS_CLUSTER) {
    const { lazyConnect, enableAutoPipelining, ...redisOptions } = options;
    return new Cluster(target.REDIS_CLUSTER, {
      lazyConnect,
      enableAutoPipelining,
      redisOptions,
      // a primary that fails is replaced (or the cluster refreshes its slots): ask again instead of failing at once
      retryDelayOnFailover: 200,
      retryDelayOnClusterDown: 300,
      clusterRetryStrategy: (times) => Math.min(times * 100, 1000),
    });
  }
  if (target.REDIS_SENTINELS) {
    // the sentinels name the primary; on a failover ioredis asks them again (and hears +switch-master at once)
    return new Redis({ sentinels: target.REDIS_SENTINELS, name: target.REDIS_SENTINEL_NAME, failoverDetector: true, ...options });
  }
  return new Redis(target.REDIS_URL, options);
}

/** The one place that opens Redis connections (ioredis). */
export function openRedis(purpose: string, options: RedisOptions = {}): RedisClient {
  const redis = connectRedis(config(), { connectionName: `ioc-live:${purpose}`, lazyConnect: false, enableAutoPipelining: false, ...options });
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
export function openBlockingRedis(purpose: string): RedisClient {
  return openRedis(purpose, { maxRetriesPerRequest: null });
}

/**
 * A connection that answers requests (the server's): while Redis is down, a command fails at the next reconnect
 * attempt (within about a second) with ioredis's MaxRetriesPerRequestError, which the API answers 503, instead of
 * waiting for Redis to come back while the caller hangs. It reconnects every second at most.
 */
export function openServingRedis(purpose: string): RedisClient {
  return openRedis(purpose, { maxRetriesPerRequest: 0, retryStrategy: (times) => Math.min(times * 100, 1000) });
}

/** Resolves once the connection is ready, however many reconnects that takes. */
export function redisReady(redis: RedisClient): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => redis.once('ready', () => resolve()));
}

/**
 * The keys matching `pattern`, by SCAN: on the one Redis, or on every primary of a Cluster (SCAN reads only the node
 * it is sent to). A pattern under one hash tag finds all its keys on one primary; the others answer nothing.
 */
export async function* scanKeys(redis: RedisClient, pattern: string, count = 500): AsyncGenerator<string> {
  for (const node of redis instanceof Cluster ? redis.nodes('master') : [redis]) {
    let cursor = '0';
    do {
      const [next, found] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      yield* found;
    } while (cursor !== '0');
  }
}

/**
 * Tells whether Redis answers on this connection: up once it is ready, down as soon as it closes, or when a PING
 * goes unanswered for `pingEveryMs` (a link that died without closing). Calls `onChange` on every change only.
 * Returns a function that stops watching.
 */
export function watchRedis(redis: RedisClient, onChange: (up: boolean) => void, pingEveryMs = 2000): () => void {
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

/** Whether a Redis answers PING at `url` (one server; `npm start` asks it only when neither Sentinel nor Cluster is set). */
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
