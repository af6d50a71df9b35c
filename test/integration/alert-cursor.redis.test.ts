import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDomain } from '../../platform/domain';
import { keys } from '../../store/keys';
import { dropPrefix } from '../support/redis-prefix';
import { AlertEvaluator } from '../../workers/alerts/alert-evaluator';

const prefix = `t-${randomBytes(4).toString('hex')}`;
const k = keys(prefix);
let redis: Redis;
let evaluator: AlertEvaluator;

beforeAll(() => {
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  evaluator = new AlertEvaluator({ redis, blocking: redis, keys: k, domain: loadDomain(), changes: { maxLen: 100, windowMs: 600_000 }, log: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await dropPrefix(redis, prefix);
  redis.disconnect();
});

describe('where the alert evaluator starts on a fresh install', () => {
  it('is the change stream as it stands before any batch of this process, and a stored position is kept', async () => {
    expect(await redis.get(k.alertCursor())).toBeNull();
    const before = await redis.xadd(k.changes(), '*', 'v', '[]');
    await evaluator.anchor();
    expect(await redis.get(k.alertCursor())).toBe(before);
    // a batch applied afterwards lies after the start, so the leader evaluates it whenever it takes its turn
    await redis.xadd(k.changes(), '*', 'v', '[]');
    await evaluator.anchor();
    expect(await redis.get(k.alertCursor())).toBe(before);
  });

  it('starts at the beginning of an empty stream', async () => {
    await redis.del(k.alertCursor(), k.changes());
    await evaluator.anchor();
    expect(await redis.get(k.alertCursor())).toBe('0-0');
  });
});
