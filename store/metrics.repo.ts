import type { RedisClient } from '../platform/redis';
import { valueOf } from '../core/aggregation/components';
import type { MetricValue, ViewSnapshot } from '../core/contract/metrics';
import type { Indicator } from '../core/indicators/indicator';
import { currentPeriod, periodKindOf } from '../core/time/period';
import type { UnitRegistry } from '../core/units/registry';
import { COMMUNE_DAILY_RETENTION_MS, ROOT_PARENT, SERIES_BUCKET_MS, type Keys, type SeriesResolution } from './keys';
import { bucketStartsOverlapping, chooseResolution, type SeriesPoint } from '../core/contract/series';
import { decodeValue } from './value-codec';

export interface ReadContext {
  redis: RedisClient;
  keys: Keys;
  registry: UnitRegistry;
}

/** The period a view shows: the current one, or the newest earlier one that has data (never an empty map). */
export async function shownPeriod(ctx: ReadContext, ind: Indicator, nowMs: number): Promise<string> {
  const current = currentPeriod(ind.periodKind, nowMs);
  const newest = await ctx.redis.zrange(ctx.keys.periods(ind.id), `[${current}`, '-', 'BYLEX', 'REV', 'LIMIT', 0, 1);
  return newest[0] ?? current;
}

/** How many children are expected to report an indicator under a unit (the children of the reporting level). */
export function expectedChildren(registry: UnitRegistry, ind: Indicator, unit: string): number {
  const level = registry.get(unit)?.level;
  if (level === 'national') return ind.levels.includes('province') ? registry.children(unit, 'province').length : 0;
  if (level === 'province') return ind.levels.includes('commune') ? registry.children(unit, 'commune').length : 0;
  return 0;
}

/**
 * A consistent snapshot of a view: the scope's own value and its children's, per indicator, read in one MULTI with
 * the change stream's last id, so that every change up to `seq` is in and none after it.
 */
export async function readView(
  ctx: ReadContext,
  scope: string,
  indicators: readonly Indicator[],
  nowMs = Date.now(),
  /** A past period to read instead of the shown one, for indicators whose periods are of its kind. */
  period?: string,
): Promise<ViewSnapshot> {
  const periods: Record<string, string> = {};
  const kind = period ? periodKindOf(period) : undefined;
  for (const ind of indicators) periods[ind.id] = kind === ind.periodKind ? period! : await shownPeriod(ctx, ind, nowMs);
  const storeParent = ctx.registry.get(scope)?.parent ?? ROOT_PARENT;
  const multi = ctx.redis.multi().xrevrange(ctx.keys.changes(), '+', '-', 'COUNT', 1);
  for (const ind of indicators) {
    const period = periods[ind.id]!;
    multi.hgetall(ctx.keys.latest(ind.id, scope, period));
    multi.hget(ctx.keys.latest(ind.id, storeParent, period), scope);
  }
  const replies = (await multi.exec()) ?? [];
  const reply = (i: number): unknown => {
    const [err, value] = replies[i] ?? [new Error('no reply'), null];
    if (err) throw err;
    return value;
  };
  const last = reply(0) as [string, string[]][];
  const values: MetricValue[] = [];
  indicators.forEach((ind, i) => {
    const period = periods[ind.id]!;
    const children = reply(1 + i * 2) as Record<string, string>;
    for (const [unit, enc] of Object.entries(children)) {
      const v = decodeValue(ind, unit, period, enc);
      if (v) values.push(withExpected(ctx.registry, ind, v));
    }
    const own = reply(2 + i * 2) as string | null;
    const v = own ? decodeValue(ind, scope, period, own) : undefined;
    if (v) values.push(withExpected(ctx.registry, ind, v));
  });
  return { scope, seq: last[0]?.[0] ?? '0-0', periods, values, serverTime: nowMs };
}

export function withExpected(registry: UnitRegistry, ind: Indicator, v: MetricValue): MetricValue {
  if (v.reporting === undefined) return v;
  return { ...v, expected: expectedChildren(registry, ind, v.unit) };
}

/**
 * One unit's history over a window [from, to): the buckets of the chosen resolution that overlap it (5-minute buckets
 * where the unit's level keeps them and the window lies within their retention, daily beyond). One ZRANGEBYSCORE; a
 * commune's, one HGET per day still within its retention (its province's commune-day hashes), in one round trip.
 */
export async function readSeries(
  ctx: ReadContext,
  ind: Indicator,
  unit: string,
  window: { from: number; to: number },
  nowMs = Date.now(),
): Promise<{ resolution: SeriesResolution; bucketMs: number; points: SeriesPoint[] }> {
  const resolution = chooseResolution(window, ctx.registry.get(unit)?.level, nowMs);
  const size = SERIES_BUCKET_MS[resolution];
  const point = (t: number, num: string | undefined, den: string | undefined): SeriesPoint => {
    const c = { num: Number(num), den: den ? Number(den) : null };
    return { t, value: valueOf(ind.kind, ind.scale, c), ...c };
  };
  const commune = ctx.registry.get(unit);
  if (commune?.level === 'commune') {
    const kept = { from: Math.max(window.from, nowMs - COMMUNE_DAILY_RETENTION_MS - size), to: window.to };
    const days = kept.from < kept.to ? bucketStartsOverlapping(kept, size) : [];
    const pipeline = ctx.redis.pipeline();
    for (const t of days) pipeline.hget(ctx.keys.communeDay(ind.id, commune.parent ?? ROOT_PARENT, t), unit);
    const replies = days.length ? ((await pipeline.exec()) ?? []) : [];
    const points: SeriesPoint[] = [];
    days.forEach((t, i) => {
      const [err, enc] = replies[i] ?? [];
      if (err) throw err;
      if (typeof enc !== 'string') return;
      const [num, den] = enc.split('|');
      points.push(point(t, num, den));
    });
    return { resolution, bucketMs: size, points };
  }
  const members = await ctx.redis.zrangebyscore(ctx.keys.series(ind.id, unit, resolution), `(${window.from - size}`, `(${window.to}`);
  const points = members.map((m) => {
    const [t, num, den] = m.split('|');
    return point(Number(t), num, den);
  });
  return { resolution, bucketMs: size, points };
}
