import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { aborted, Leadership } from '../../workers/leader';
import { eventually } from '../support/ingest-client';

/** Leases on the real Redis (workers/leader.ts): one leader at a time, handed over on stop, stepped down when taken. */
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const key = `ioc:{t-${randomBytes(4).toString('hex')}}:lease-test`;
const log = pino({ level: 'silent' });

afterAll(async () => {
  await redis.del(key);
  redis.disconnect();
});

function contender() {
  const state = { leading: false, terms: 0 };
  const leadership = new Leadership({ redis, key, ttlMs: 3000, retryMs: 100, role: 'test', log }, async (lost) => {
    state.leading = true;
    state.terms += 1;
    await aborted(lost);
    state.leading = false;
  });
  return { state, leadership };
}

describe('a leadership', () => {
  it('has one leader of two; the other takes over when it stops, and steps down when the lease is taken', async () => {
    const a = contender();
    const b = contender();
    a.leadership.start();
    b.leadership.start();
    await eventually(async () => (a.state.leading || b.state.leading ? true : undefined), 5000, 20);
    await new Promise((r) => setTimeout(r, 3500)); // past a TTL: renewals keep it, nobody else got it
    expect([a.state.leading, b.state.leading].filter(Boolean)).toHaveLength(1);
    const [first, second] = a.state.leading ? [a, b] : [b, a];
    expect(await redis.get(key)).toBe(first.leadership.holder);

    await first.leadership.stop(); // lets go: the other leads within its retry interval, not the TTL
    const handedAt = Date.now();
    await eventually(async () => (second.state.leading ? true : undefined), 3000, 10);
    expect(Date.now() - handedAt).toBeLessThan(2000);

    // someone else holds the lease now (as after a pause longer than the TTL): the leader notices and steps down
    await redis.set(key, 'another-process', 'PX', 60_000);
    await eventually(async () => (second.state.leading ? undefined : true), 4000, 10);
    expect(second.state.terms).toBe(1);
    await redis.del(key); // free again: it leads a second term
    await eventually(async () => (second.state.terms === 2 && second.state.leading ? true : undefined), 2000, 10);
    await second.leadership.stop();
    expect(await redis.get(key)).toBeNull();
  });
});
