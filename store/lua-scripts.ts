import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

/** The data model's Lua scripts (store/lua/*.lua), registered on a connection as custom commands. */
const APPLY_BATCH = readFileSync(new URL('./lua/apply-batch.lua', import.meta.url), 'utf8');

export interface ScriptedRedis extends Redis {
  applyBatch(...argv: (string | number)[]): Promise<[string, string?, number?, string?]>;
}

export function withScripts(redis: Redis): ScriptedRedis {
  if (!('applyBatch' in redis)) redis.defineCommand('applyBatch', { numberOfKeys: 0, lua: APPLY_BATCH });
  return redis as ScriptedRedis;
}
