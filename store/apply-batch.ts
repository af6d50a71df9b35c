import type { IngestJob } from '../core/contract/observation';
import type { Indicator } from '../core/indicators/indicator';
import { VN_OFFSET_MS } from '../core/time/period';
import type { UnitRegistry } from '../core/units/registry';
import type { Unit } from '../core/units/unit';
import { COMMUNE_DAILY_RETENTION_MS, ROOT_PARENT, SERIES_RETENTION_MS, type Keys } from './keys';
import type { ScriptedRedis } from './lua-scripts';

const KIND_CODE: Record<Indicator['kind'], string> = { sum: 's', ratio: 'r', wmean: 'w', max: 'x', min: 'n', official: 'o' };
const DEPTH: Record<Unit['level'], number> = { national: 0, province: 1, ministry: 1, commune: 2 };
export const BATCH_ID_TTL_S = 7 * 86400;

export interface ApplyContext {
  redis: ScriptedRedis;
  keys: Keys;
  registry: UnitRegistry;
  indicator(id: string): Indicator | undefined;
  changesMaxLen: number;
}

export type ApplyResult = { status: 'duplicate' } | { status: 'applied'; seq: string; changed: number };

/** Where one unit's figure is stored and which parent its change flows to. */
function placement(unit: Unit, ind: Indicator): { storeParent: string; propagateTo: string; series: number } {
  const rollsUp = ind.kind !== 'official' && unit.level !== 'ministry';
  return {
    storeParent: unit.parent ?? ROOT_PARENT,
    propagateTo: rollsUp && unit.parent ? unit.parent : '',
    series: unit.level === 'commune' ? 1 : 2,
  };
}

/**
 * Apply one validated batch in a single Lua call: latest values, rollups to every ancestor, series buckets and one
 * change-stream entry, idempotent on (source, batchId).
 */
export async function applyBatch(ctx: ApplyContext, job: IngestJob, nowMs = Date.now()): Promise<ApplyResult> {
  const kinds: Record<string, [string, number]> = {};
  const parents: Record<string, [string, string, number, number]> = {};
  const rows: unknown[] = [];
  for (const o of job.observations) {
    const ind = ctx.indicator(o.indicator);
    const unit = ctx.registry.get(o.unit);
    if (!ind || !unit) throw new Error(`batch ${job.batchId}: ${o.indicator}/${o.unit} is not in the catalog or registry`);
    kinds[ind.id] ??= [KIND_CODE[ind.kind], ind.scale];
    const at = placement(unit, ind);
    rows.push([ind.id, unit.code, at.storeParent, o.period, o.num, o.den, o.observedAt, at.propagateTo, at.series]);
    let up = at.propagateTo;
    while (up && !parents[up]) {
      const parent = ctx.registry.get(up);
      if (!parent) throw new Error(`unknown parent ${up}`);
      const p = placement(parent, ind);
      parents[up] = [p.storeParent, p.propagateTo, DEPTH[parent.level], p.series];
      up = p.propagateTo;
    }
  }
  const reply = await ctx.redis.applyBatch(
    ctx.keys.prefix,
    job.source,
    job.batchId,
    BATCH_ID_TTL_S,
    ctx.changesMaxLen,
    nowMs,
    VN_OFFSET_MS,
    COMMUNE_DAILY_RETENTION_MS,
    SERIES_RETENTION_MS['1d'],
    SERIES_RETENTION_MS['5m'],
    JSON.stringify({ k: kinds, p: parents, o: rows }),
  );
  if (reply[0] === 'duplicate') return { status: 'duplicate' };
  return { status: 'applied', seq: reply[1] ?? '', changed: Number(reply[2] ?? 0) };
}
