import { periodKindOf } from '../../core/time/period';
import { isUnitCode } from '../../core/units/unit-code';

/**
 * The view a screen shows, as its URL holds it (so a copied link or the Back button restores it):
 * `/?scope=48&indicator=dossier_on_time_rate&range=7d&unit=20194&compare=prev`.
 * - scope: the drilled province (absent = the nation); unit: the unit whose detail panel is open;
 * - range: the history preset; from, to: a history window of whole Vietnam days (`from=2026-11-01&to=2026-11-30`,
 *   both inclusive; it wins over the preset, and choosing a preset removes it);
 * - compare: `prev` (the previous period of the same length) or another unit's code.
 * Pure: parses what vue-router hands over and builds the next query, keeping keys it does not own (test, lang, kpis).
 */
export const HISTORY_RANGES = ['24h', '7d', '30d', '1y'] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number];

export interface ViewQuery {
  scope: string | null;
  indicator: string | null;
  range: HistoryRange | null;
  unit: string | null;
  compare: string | null;
  /** First and last day (YYYY-MM-DD, Vietnam dates) of a chosen history window; both set or both null. */
  from: string | null;
  to: string | null;
}

export type RawQuery = Readonly<Record<string, unknown>>;

/** The keys this module owns, in the order they are written. */
const OWN_KEYS = ['scope', 'indicator', 'range', 'from', 'to', 'unit', 'compare'] as const;

const INDICATOR_ID = /^[a-z0-9_.]{1,64}$/;

function one(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : null;
  return null;
}

export function isHistoryRange(value: unknown): value is HistoryRange {
  return typeof value === 'string' && (HISTORY_RANGES as readonly string[]).includes(value);
}

/** A Vietnam date of the calendar: `2026-11-28` (not 2026-02-30). */
export function isDay(value: unknown): value is string {
  return typeof value === 'string' && periodKindOf(value) === 'day';
}


export function parseViewQuery(query: RawQuery): ViewQuery {
  const scope = one(query.scope);
  const unit = one(query.unit);
  const indicator = one(query.indicator);
  const range = one(query.range);
  const compare = one(query.compare);
  const from = one(query.from);
  const to = one(query.to);
  const span = isDay(from) && isDay(to) && from <= to;
  return {
    scope: isUnitCode(scope) && scope !== 'VN' ? scope : null,
    indicator: indicator && INDICATOR_ID.test(indicator) ? indicator : null,
    range: isHistoryRange(range) ? range : null,
    unit: isUnitCode(unit) ? unit : null,
    compare: compare === 'prev' || isUnitCode(compare) ? compare : null,
    from: span ? from : null,
    to: span ? to : null,
  };
}

/**
 * The next query: `patch` replaces this module's keys (null removes one), other keys are kept as they were.
 * Opening another scope closes the detail panel unless the patch opens one too.
 */
export function patchViewQuery(current: RawQuery, patch: Partial<ViewQuery>): Record<string, string> {
  const base = parseViewQuery(current);
  const next: ViewQuery = { ...base, ...patch };
  if ('scope' in patch && patch.scope !== base.scope && !('unit' in patch)) {
    next.unit = null;
    next.compare = null;
  }
  if ('unit' in patch && patch.unit !== base.unit && !('compare' in patch)) next.compare = null;
  // another preset chosen replaces a from–to window (the window wins while it is there); the same preset passed along
  // (opening another unit) keeps it
  if (patch.range && patch.range !== base.range && !('from' in patch) && !('to' in patch)) {
    next.from = null;
    next.to = null;
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(current)) {
    if ((OWN_KEYS as readonly string[]).includes(key)) continue;
    const v = one(value);
    if (v !== null) out[key] = v;
  }
  for (const key of OWN_KEYS) {
    const v = next[key];
    if (v !== null && v !== undefined) out[key] = v;
  }
  return out;
}

/** True when two queries say the same (order of keys aside). */
export function sameQuery(a: RawQuery, b: RawQuery): boolean {
  const ka = Object.keys(a).filter((k) => one(a[k]) !== null);
  const kb = Object.keys(b).filter((k) => one(b[k]) !== null);
  return ka.length === kb.length && ka.every((k) => one(a[k]) === one(b[k]));
}
