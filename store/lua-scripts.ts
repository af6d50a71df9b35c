import { readFileSync } from 'node:fs';
import type { RedisClient } from '../platform/redis';

/**
 * The data model's Lua scripts (store/lua/*.lua), registered on a connection as custom commands. Each declares every
 * key it touches as KEYS (Redis Cluster routes on them); a script whose key count is fixed is named `verb-N.lua` as
 * BullMQ's are, apply-batch.lua's count varies with the batch.
 */
const APPLY_BATCH = readFileSync(new URL('./lua/apply-batch.lua', import.meta.url), 'utf8');

export type ScriptedRedis = RedisClient & {
  /** numberOfKeys, KEYS..., ARGV... (store/apply-batch.ts applyCall builds them). */
  applyBatch(...keysAndArgv: (string | number)[]): Promise<[string, string?, number?, string?]>;
};

export function withScripts(redis: RedisClient): ScriptedRedis {
  // the number of keys varies with the batch (every key it touches is declared): it is the call's first argument
  if (!('applyBatch' in redis)) redis.defineCommand('applyBatch', { lua: APPLY_BATCH });
  return redis as ScriptedRedis;
}
