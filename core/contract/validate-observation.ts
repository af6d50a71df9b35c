import { toComponents } from '../aggregation/components';
import { componentOutOfBounds, MAX_CLOCK_SKEW_MS, MAX_MAGNITUDE, MIN_OBSERVED_AT_MS } from '../aggregation/limits';
import type { Indicator, PeriodKind, ReportLevel } from '../indicators/indicator';
import { periodKindOf, periodStartMs } from '../time/period';
import { endedPastKeep } from '../time/period-keep';
import { periodWindowMs } from '../time/period-window';
import type { Unit } from '../units/unit';
import type { Observation, RejectCode, RejectedItem } from './observation';

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
  /** PERIOD_KEEP_DAYS: figures for a period past its keep are refused (core/time/period-keep.ts); unset: no limit. */
  dayKeepDays?: number;
  /**
   * Set when the batch comes through a federation link: items may carry `source` (their origin below) and wmean
   * figures come as stored ({num, den}); an origin that names this installation is a loop and refused.
   */
  forwarded?: { instance: string };
}

const ORIGIN = /^[A-Za-z0-9._:/-]{1,512}$/;

export { MAX_CLOCK_SKEW_MS };

const PERIOD_FORMAT: Record<string, string> = {
  live: "'live'",
  day: 'a day (YYYY-MM-DD)',
  month: 'a month (YYYY-MM)',
  quarter: 'a quarter (YYYY-Qn)',
  year: 'a year (YYYY)',
};

type Failed = { ok: false; code: RejectCode; reason: string };
type Checked<T> = { ok: true; value: T } | Failed;
const fail = (code: RejectCode, reason: string): Failed => ({ ok: false, code, reason });

/**
 * The levels at which an indicator's figures are reported. Rollup kinds are reported at their lowest level
 * (communes, else provinces) and by ministries; the levels above are derived. Official figures are reported at
 * every level the catalog lists.
 */
export function reportingLevels(indicator: Indicator): ReportLevel[] {
  let levels = levelsMemo.get(indicator);
  if (!levels) levelsMemo.set(indicator, (levels = levelsOf(indicator)));
  return levels;
}
/** Per catalog entry, computed once: every item of a batch asks. */
const levelsMemo = new WeakMap<Indicator, ReportLevel[]>();
function levelsOf(indicator: Indicator): ReportLevel[] {
  if (indicator.kind === 'official') return indicator.levels;
  const leaf = (['commune', 'province', 'national'] as const).find((l) => indicator.levels.includes(l));
  const levels: ReportLevel[] = leaf ? [leaf] : [];
  if (indicator.levels.includes('ministry')) levels.push('ministry');
  return levels;
}

function finite(name: string, x: unknown): Checked<number> {
  if (typeof x !== 'number') return fail('bad_value', `${name} must be a number, got ${x === null ? 'null' : typeof x}`);
  if (!Number.isFinite(x)) return fail('bad_value', `${name} must be a finite number, got ${x}`);
  // -0 is stored as 0: the same figure, and the store's text encoding would keep the sign
  return { ok: true, value: x === 0 ? 0 : x };
}

/**
 * The last ISO observedAt parsed and its ms: the items of a batch mostly share a few instants, and Date.parse was a
 * tenth of the validation's cost.
 */
let lastIso = '';
let lastIsoMs = NaN;
function isoMs(x: string): number {
  if (x !== lastIso) {
    lastIsoMs = /^\d{4}-\d{2}-\d{2}T/.test(x) && x.length <= 40 ? Date.parse(x) : NaN;
    lastIso = x;
  }
  return lastIsoMs;
}

/** observedAt: an ISO 8601 date-time with its offset, or whole epoch ms, from 2000-01-01 to 5 minutes ahead of now. */
function observedAtOf(x: unknown, nowMs: number): Checked<number> {
  const ms = typeof x === 'string' ? isoMs(x) : typeof x === 'number' ? x : NaN;
  if (!Number.isFinite(ms)) return fail('bad_observed_at', 'observedAt must be an ISO 8601 date-time (e.g. 2026-11-28T09:00:00+07:00) or epoch ms');
  if (!Number.isInteger(ms)) return fail('bad_observed_at', `observedAt ${ms} must be whole epoch milliseconds`);
  if (ms < MIN_OBSERVED_AT_MS) return fail('bad_observed_at', `observedAt ${ms} is before 2000-01-01 (epoch seconds sent as milliseconds?)`);
  // (compared before it is formatted: past ±8.64e15 ms, the end of the Date range, toISOString throws)
  if (ms > nowMs + MAX_CLOCK_SKEW_MS) {
    return fail('bad_observed_at', `observedAt ${ms > 8.64e15 ? ms : new Date(ms).toISOString()} is in the future`);
  }
  return { ok: true, value: ms };
}

const COMPONENT_FIELDS = ['value', 'num', 'den', 'weight'] as const;
const NUM_DEN = ['num', 'den'] as const;
const VALUE_WEIGHT = ['value', 'weight'] as const;
const VALUE = ['value'] as const;

function componentsOf(ind: Indicator, raw: Record<string, unknown>, forwarded: boolean): Checked<{ num: number; den: number | null }> {
  // a wmean forwarded by a link comes as stored: num = Σ value × weight, den = Σ weight
  const storedWmean = forwarded && ind.kind === 'wmean' && raw.num !== undefined;
  const expected = ind.kind === 'ratio' || storedWmean ? NUM_DEN : ind.kind === 'wmean' ? VALUE_WEIGHT : VALUE;
  let present = 0;
  for (const k of COMPONENT_FIELDS) if (raw[k] !== undefined) present++;
  if (present !== expected.length || !expected.every((k) => raw[k] !== undefined)) {
    const got = COMPONENT_FIELDS.filter((k) => raw[k] !== undefined);
    return fail('bad_value', `${ind.id} is a ${ind.kind} indicator: send ${expected.join(' and ')} (got ${got.join(', ') || 'no value'})`);
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
    if (v < 0 && (countLike || k === 'weight' || k === 'den')) return fail('bad_value', `${k} must not be negative (got ${v})`);
    const bounds = storedWmean && k === 'num' ? componentOutOfBounds(k, v / MAX_MAGNITUDE, false) : componentOutOfBounds(k, v, ind.counts);
    if (bounds) return fail('out_of_bounds', bounds);
  }
  if (storedWmean) return { ok: true, value: { num: nums.num!, den: nums.den! } };
  if (ind.kind === 'ratio' && (nums.num ?? 0) > (nums.den ?? 0) && ind.range.max <= ind.scale) {
    return fail('bad_value', `num (${nums.num}) must not exceed den (${nums.den}): ${ind.id} is a share of its denominator`);
  }
  return { ok: true, value: toComponents(ind.kind, nums) };
}

/**
 * A period's kind and start, remembered: a batch names a few periods for thousands of items, and parsing the same
 * string 5,000 times was a third of the validation's cost. Bounded: cleared when it holds PERIOD_MEMO_MAX periods.
 */
const PERIOD_MEMO_MAX = 4096;
interface PeriodFacts {
  kind: PeriodKind | undefined;
  start: number | undefined;
  /** Where its window ends (core/time/period-window.ts); undefined for `live`. */
  end: number | undefined;
}
const periodMemo = new Map<string, PeriodFacts>();
function periodFacts(period: string): PeriodFacts {
  let facts = periodMemo.get(period);
  if (!facts) {
    if (periodMemo.size >= PERIOD_MEMO_MAX) periodMemo.clear();
    facts = { kind: periodKindOf(period), start: periodStartMs(period), end: periodWindowMs(period)?.[1] };
    periodMemo.set(period, facts);
  }
  return facts;
}

/** A caller's string in a reason, cut to a readable length. */
function clip(s: string): string {
  return s.length > 64 ? `${s.slice(0, 64)}…` : s;
}

/** A module-level function, not a closure per item: tsx names each closure it creates (a defineProperty per call). */
function rejected(index: number, code: RejectCode, reason: string): RejectedItem {
  return { index, code, reason };
}

/** Checks one item of a batch. `seen` remembers (indicator, unit, period) of earlier items to refuse duplicates. */
export function validateObservation(
  item: unknown,
  index: number,
  ctx: ValidationContext,
  seen: Map<string, number>,
): { ok: true; observation: Observation } | RejectedItem {
  // a hand check, not a zod parse: this runs for every item of every batch (up to 5,000 per request)
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return rejected(index, 'not_an_object', 'an observation must be an object with indicator, unit, period, observedAt and a value');
  }
  const raw = item as Record<string, unknown>;

  if (typeof raw.indicator !== 'string') return rejected(index, 'unknown_indicator', 'indicator must be a string');
  const ind = ctx.indicator(raw.indicator);
  if (!ind) return rejected(index, 'unknown_indicator', `unknown indicator '${clip(raw.indicator)}'`);
  if (ctx.scope.indicators !== '*' && !ctx.scope.indicators.includes(ind.id)) {
    return rejected(index, 'indicator_out_of_scope', `indicator '${ind.id}' is outside this source's scope`);
  }

  if (typeof raw.unit !== 'string') return rejected(index, 'unknown_unit', 'unit must be a string (an official unit code)');
  const unit = ctx.unit(raw.unit);
  if (!unit) return rejected(index, 'unknown_unit', `unknown unit '${clip(raw.unit)}'`);
  if (!ctx.scope.units.some((s) => ctx.isWithin(unit.code, s))) {
    return rejected(index, 'unit_out_of_scope', `unit '${unit.code}' is outside this source's scope (${ctx.scope.units.join(', ')})`);
  }
  const levels = reportingLevels(ind);
  if (!levels.includes(unit.level as ReportLevel)) {
    return rejected(
      index,
      'derived_level',
      `${ind.id} is not reported at ${unit.level} level (reported by: ${levels.join(', ')}); values above are derived by rollup`,
    );
  }

  if (typeof raw.period !== 'string') return rejected(index, 'bad_period', 'period must be a string');
  const { kind, start, end } = periodFacts(raw.period);
  if (kind !== ind.periodKind) {
    return rejected(index, 'bad_period', `period '${clip(raw.period)}' is not ${PERIOD_FORMAT[ind.periodKind]}, as ${ind.id} needs`);
  }
  // as isFuturePeriod (core/time/period.ts), from the remembered start
  if (start !== undefined && start > ctx.nowMs) return rejected(index, 'future_period', `period ${raw.period} is in the future`);
  if (ctx.dayKeepDays !== undefined && end !== undefined && endedPastKeep(end, kind, ctx.nowMs, ctx.dayKeepDays)) {
    return rejected(index, 'period_expired', `period ${raw.period} is past its keep (${kind === 'day' ? `${ctx.dayKeepDays} days` : 'two years'} after it ended): its map is no longer held`);
  }

  const at = observedAtOf(raw.observedAt, ctx.nowMs);
  if (!at.ok) return rejected(index, at.code, at.reason);
  const components = componentsOf(ind, raw, ctx.forwarded !== undefined);
  if (!components.ok) return rejected(index, components.code, components.reason);
  let origin: string | undefined;
  if (ctx.forwarded) {
    if (raw.source !== undefined) {
      if (typeof raw.source !== 'string' || !ORIGIN.test(raw.source)) return rejected(index, 'bad_source', 'source must be the origin path <instance>:<source> (letters, digits . _ : / -)');
      if (raw.source.split('/').some((hop) => hop.startsWith(`${ctx.forwarded!.instance}:`))) {
        return rejected(index, 'loop', `this figure already passed through this IOC (${clip(raw.source)}): a link loop`);
      }
      origin = raw.source;
    }
  }

  const key = `${ind.id}|${unit.code}|${raw.period}`;
  const earlier = seen.get(key);
  if (earlier !== undefined) return rejected(index, 'duplicate_in_batch', `duplicate of item ${earlier}: same indicator, unit and period in one batch`);
  seen.set(key, index);

  // written out, not spread: one object of a fixed shape per item
  const observation: Observation = { indicator: ind.id, unit: unit.code, period: raw.period, num: components.value.num, den: components.value.den, observedAt: at.value };
  if (origin) observation.origin = origin;
  return { ok: true, observation };
}
