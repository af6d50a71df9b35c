import { Redis, type RedisOptions } from 'ioredis';
import { config } from './config';

/** The one place that opens Redis connections (ioredis). */
export function openRedis(purpose: string, options: RedisOptions = {}): Redis {
  return new Redis(config().REDIS_URL, {
    connectionName: `ioc-live:${purpose}`,
    lazyConnect: false,
    enableAutoPipelining: false,
    ...options,
  });
}

/** A connection for blocking reads and BullMQ workers: commands wait for reconnection instead of failing. */
export function openBlockingRedis(purpose: string): Redis {
  return openRedis(purpose, { maxRetriesPerRequest: null });
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
