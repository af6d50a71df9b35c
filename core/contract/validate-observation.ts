import { toComponents } from '../aggregation/components';
import type { Indicator, ReportLevel } from '../indicators/indicator';
import { isFuturePeriod, periodKindOf } from '../time/period';
import type { Unit } from '../units/unit';
import type { Observation, RejectedItem } from './observation';

/** What a source may report: unit codes (a unit and everything below it) and indicator ids, or '*' for all. */
export interface SourceScope {
  units: readonly string[];
  indicators: readonly string[] | '*';
}

export interface ValidationContext {
  indicator(id: string): Indicator | undefined;
  unit(code: string): Unit | undefined;
  /** True when `code` is `scope` or lies below it. */
  isWithin(code: string, scope: string): boolean;
  scope: SourceScope;
  nowMs: number;
}

/** Observed times may run ahead of this server's clock by this much (clock skew), not more. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const PERIOD_FORMAT: Record<string, string> = {
  live: "'live'",
  day: 'a day (YYYY-MM-DD)',
  month: 'a month (YYYY-MM)',
  quarter: 'a quarter (YYYY-Qn)',
  year: 'a year (YYYY)',
};

type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };
const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/**
 * The levels at which an indicator's figures are reported. Rollup kinds are reported at their lowest level
 * (communes, else provinces) and by ministries; the levels above are derived. Official figures are reported at
 * every level the catalog lists.
 */
export function reportingLevels(indicator: Indicator): ReportLevel[] {
  if (indicator.kind === 'official') return indicator.levels;
  const leaf = (['commune', 'province', 'national'] as const).find((l) => indicator.levels.includes(l));
  const levels: ReportLevel[] = leaf ? [leaf] : [];
  if (indicator.levels.includes('ministry')) levels.push('ministry');
  return levels;
}

function finite(name: string, x: unknown): Checked<number> {
  if (typeof x !== 'number') return fail(`${name} must be a number, got ${x === null ? 'null' : typeof x}`);
  if (!Number.isFinite(x)) return fail(`${name} must be a finite number, got ${x}`);
  return { ok: true, value: x };
}

function observedAtOf(x: unknown, nowMs: number): Checked<number> {
  const ms = typeof x === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(x) ? Date.parse(x) : typeof x === 'number' ? x : NaN;
  if (!Number.isFinite(ms)) return fail('observedAt must be an ISO 8601 date-time (e.g. 2026-11-28T09:00:00+07:00) or epoch ms');
  if (ms > nowMs + MAX_CLOCK_SKEW_MS) return fail(`observedAt ${new Date(ms).toISOString()} is in the future`);
  return { ok: true, value: ms };
}

function componentsOf(ind: Indicator, raw: Record<string, unknown>): Checked<{ num: number; den: number | null }> {
  const present = (['value', 'num', 'den', 'weight'] as const).filter((k) => raw[k] !== undefined);
  const expected = ind.kind === 'ratio' ? ['num', 'den'] : ind.kind === 'wmean' ? ['value', 'weight'] : ['value'];
  if (present.length !== expected.length || !expected.every((k) => present.includes(k as (typeof present)[number]))) {
    return fail(`${ind.id} is a ${ind.kind} indicator: send ${expected.join(' and ')} (got ${present.join(', ') || 'no value'})`);
  }
  const nums: Record<string, number> = {};
  for (const k of expected) {
    const n = finite(k, raw[k]);
    if (!n.ok) return n;
    nums[k] = n.value;
  }
  const countLike = ind.kind === 'sum' || ind.kind === 'ratio' || ind.range.min >= 0;
  for (const k of expected) {
    const v = nums[k] ?? 0;
    if (v < 0 && (countLike || k === 'weight' || k === 'den')) return fail(`${k} must not be negative (got ${v})`);
  }
  if (ind.kind === 'ratio' && (nums.num ?? 0) > (nums.den ?? 0) && ind.range.max <= ind.scale) {
    return fail(`num (${nums.num}) must not exceed den (${nums.den}): ${ind.id} is a share of its denominator`);
  }
  return { ok: true, value: toComponents(ind.kind, nums) };
}

/** Checks one item of a batch. `seen` remembers (indicator, unit, period) of earlier items to refuse duplicates. */
export function validateObservation(
  item: unknown,
  index: number,
  ctx: ValidationContext,
  seen: Map<string, number>,
): { ok: true; observation: Observation } | RejectedItem {
  const reject = (reason: string): RejectedItem => ({ index, reason });
  // a hand check, not a zod parse: this runs for every item of every batch (up to 5,000 per request)
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return reject('an observation must be an object with indicator, unit, period, observedAt and a value');
  }
  const raw = item as Record<string, unknown>;

  if (typeof raw.indicator !== 'string') return reject('indicator must be a string');
  const ind = ctx.indicator(raw.indicator);
  if (!ind) return reject(`unknown indicator '${raw.indicator}'`);
  if (ctx.scope.indicators !== '*' && !ctx.scope.indicators.includes(ind.id)) {
    return reject(`indicator '${ind.id}' is outside this source's scope`);
  }

  if (typeof raw.unit !== 'string') return reject('unit must be a string (an official unit code)');
  const unit = ctx.unit(raw.unit);
  if (!unit) return reject(`unknown unit '${raw.unit}'`);
  if (!ctx.scope.units.some((s) => ctx.isWithin(unit.code, s))) {
    return reject(`unit '${unit.code}' is outside this source's scope (${ctx.scope.units.join(', ')})`);
  }
  const levels = reportingLevels(ind);
  if (!levels.includes(unit.level as ReportLevel)) {
    return reject(
      `${ind.id} is not reported at ${unit.level} level (reported by: ${levels.join(', ')}); values above are derived by rollup`,
    );
  }

  if (typeof raw.period !== 'string') return reject('period must be a string');
  const kind = periodKindOf(raw.period);
  if (kind !== ind.periodKind) {
    return reject(`period '${raw.period}' is not ${PERIOD_FORMAT[ind.periodKind]}, as ${ind.id} needs`);
  }
  if (isFuturePeriod(raw.period, ctx.nowMs)) return reject(`period ${raw.period} is in the future`);

  const at = observedAtOf(raw.observedAt, ctx.nowMs);
  if (!at.ok) return reject(at.reason);
  const components = componentsOf(ind, raw);
  if (!components.ok) return reject(components.reason);

  const key = `${ind.id}|${unit.code}|${raw.period}`;
  const earlier = seen.get(key);
  if (earlier !== undefined) return reject(`duplicate of item ${earlier}: same indicator, unit and period in one batch`);
  seen.set(key, index);

  return {
    ok: true,
    observation: { indicator: ind.id, unit: unit.code, period: raw.period, ...components.value, observedAt: at.value },
  };
}
