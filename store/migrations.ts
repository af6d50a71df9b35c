import { scanKeys, type RedisClient } from '../platform/redis';
import { SERIES_BUCKET_MS } from '../core/contract/series';
import type { UnitRegistry } from '../core/units/registry';
import { COMMUNE_DAILY_RETENTION_MS, ROOT_PARENT, type Keys } from './keys';

/**
 * Data migrations between releases, run by every worker process before it applies a batch (each is idempotent and
 * safe to run twice at once; a marker key ends it for good).
 */

const DAY = SERIES_BUCKET_MS['1d'];

/**
 * Releases before 07/12/2026 kept a commune's history as a sorted set per (indicator, commune) (`series:…:1d`, members
 * "bucket|num|den"); it now lives in its province's commune-day hashes (store/keys.ts communeDay). Each old set is
 * copied bucket by bucket with HSETNX — a bucket the new layout already holds was written since, by the apply script,
 * and is newer — each hash given its retention as a TTL, buckets past it left out, and the set deleted, in one
 * MULTI. Returns the number of sets moved.
 */
export async function migrateCommuneSeries(redis: RedisClient, keys: Keys, registry: UnitRegistry, nowMs = Date.now()): Promise<number> {
  const marker = keys.migration('commune-days');
  if (await redis.exists(marker)) return 0;
  const head = `${keys.prefix}series:`;
  let moved = 0;
  for await (const key of scanKeys(redis, `${head}*:1d`)) {
    const [indicator, unit, resolution, extra] = key.slice(head.length).split(':');
    const commune = unit === undefined ? undefined : registry.get(unit);
    if (!indicator || resolution !== '1d' || extra !== undefined || commune?.level !== 'commune') continue;
    const members = await redis.zrange(key, '0', '-1');
    const tx = redis.multi();
    for (const m of members) {
      const [t, num, den] = m.split('|');
      const start = Number(t);
      const expireAt = start + DAY + COMMUNE_DAILY_RETENTION_MS;
      if (!Number.isSafeInteger(start) || num === undefined || expireAt <= nowMs) continue;
      const day = keys.communeDay(indicator, commune.parent ?? ROOT_PARENT, start);
      tx.hsetnx(day, commune.code, `${num}|${den ?? ''}`);
      tx.pexpireat(day, expireAt);
    }
    tx.del(key);
    const failed = ((await tx.exec()) ?? []).find(([err]) => err);
    if (failed) throw failed[0];
    moved++;
  }
  await redis.set(marker, String(nowMs));
  return moved;
}
