import { scanKeys, type RedisClient } from '../../platform/redis';

/**
 * Deletes every key of a test's own key prefix (see store/keys.ts) and of its queues (`ioc:{<prefix>:<queue>}`,
 * platform/queues.ts), on the one Redis or every primary of a Cluster, one hash tag at a time (a multi-key UNLINK
 * must stay on one slot).
 */
export async function dropPrefix(redis: RedisClient, prefix: string): Promise<void> {
  const byTag = new Map<string, string[]>();
  for (const pattern of [`ioc:{${prefix}}:*`, `ioc:{${prefix}:*`]) {
    for await (const key of scanKeys(redis, pattern, 1000)) {
      const tag = key.slice(0, key.indexOf('}') + 1);
      const list = byTag.get(tag) ?? [];
      byTag.set(tag, list);
      list.push(key);
    }
  }
  for (const doomed of byTag.values()) for (let i = 0; i < doomed.length; i += 500) await redis.unlink(...doomed.slice(i, i + 500));
}
