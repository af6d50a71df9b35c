import type { Redis } from 'ioredis';

/** Deletes every key of a test's own key prefix (see store/keys.ts), in slices the server takes at once. */
export async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  const doomed = await redis.keys(`ioc:{${prefix}}:*`);
  for (let i = 0; i < doomed.length; i += 500) await redis.unlink(...doomed.slice(i, i + 500));
}
