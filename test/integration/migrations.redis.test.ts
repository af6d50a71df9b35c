import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketStartMs, SERIES_BUCKET_MS } from '../../core/contract/series';
import { loadDomain, type Domain } from '../../platform/domain';
import { COMMUNE_DAILY_RETENTION_MS, keys, type Keys } from '../../store/keys';
import { readSeries } from '../../store/metrics.repo';
import { migrateCommuneSeries } from '../../store/migrations';
import { dropPrefix } from '../support/redis-prefix';

/**
 * A commune's history of an earlier release (a sorted set per commune) moves into its province's commune-day hashes:
 * read back the same through readSeries, a bucket written since in the new layout kept, buckets past the retention
 * dropped, the nation's and provinces' series untouched, and a second run a no-op.
 */
const DAY = SERIES_BUCKET_MS['1d'];
const now = Date.now();
const today = bucketStartMs(now, DAY);
let domain: Domain;
let redis: Redis;
let k: Keys;
let prefix: string;

beforeAll(() => {
  domain = loadDomain();
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  prefix = `t-migr-${randomBytes(4).toString('hex')}`;
  k = keys(prefix);
});
afterAll(async () => {
  await dropPrefix(redis, prefix);
  redis.disconnect();
});

describe('the commune history migration', () => {
  it('moves every commune series into commune-day hashes, newer buckets and other levels untouched', async () => {
    const [a, b] = domain.registry.children('48', 'commune').map((u) => u.code);
    const ind = domain.indicator('dossier_on_time_rate')!;
    const old = (t: number, num: number) => [t, `${t}|${num}|100`] as const;
    const days = [today - 3 * DAY, today - DAY, today];
    const tooOld = today - COMMUNE_DAILY_RETENTION_MS - 2 * DAY;
    await redis.zadd(k.series(ind.id, a!, '1d'), ...[tooOld, ...days].flatMap((t, i) => old(t, 10 + i)));
    await redis.zadd(k.series(ind.id, b!, '1d'), ...old(today, 50));
    await redis.zadd(k.series(ind.id, '48', '1d'), ...old(today, 70));
    // written by the apply script after the upgrade, before the migration reached this commune: newer, kept
    await redis.hset(k.communeDay(ind.id, '48', today), b!, '60|100');

    expect(await migrateCommuneSeries(redis, k, domain.registry, now)).toBe(2);

    const ctx = { redis, keys: k, registry: domain.registry };
    const window = { from: today - 10 * DAY, to: today + DAY };
    const pa = (await readSeries(ctx, ind, a!, window, now)).points;
    expect(pa.map((p) => [p.t, p.num, p.den])).toEqual(days.map((t, i) => [t, 11 + i, 100]));
    expect((await readSeries(ctx, ind, b!, window, now)).points.map((p) => p.num)).toEqual([60]);
    expect(await redis.exists(k.series(ind.id, a!, '1d'), k.series(ind.id, b!, '1d'))).toBe(0);
    expect(await redis.zcard(k.series(ind.id, '48', '1d'))).toBe(1);
    // each day's hash ends with the retention of its bucket
    const ttl = await redis.pexpiretime(k.communeDay(ind.id, '48', today - DAY));
    expect(ttl).toBe(today - DAY + DAY + COMMUNE_DAILY_RETENTION_MS);
    expect(await redis.exists(k.communeDay(ind.id, '48', tooOld))).toBe(0);

    // done for good: a set written afterwards by an old process is not looked at again
    await redis.zadd(k.series(ind.id, a!, '1d'), ...old(today, 99));
    expect(await migrateCommuneSeries(redis, k, domain.registry, now)).toBe(0);
  });
});
