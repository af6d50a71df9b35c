import type { Indicator } from '../../core/indicators/indicator';

/**
 * Viridis at 6 steps from 0.1 to 1: sequential, colour-blind safe, readable in greyscale, and its darkest step stays
 * distinct from the dark map background. Low → high; yellow is "good" once the direction is applied.
 */
export const PALETTE = ['#482475', '#414487', '#2a788e', '#22a884', '#7ad151', '#fde725'] as const;

/** Provinces without a value: neutral grey (hatched on the map, and its own legend entry). */
export const NO_DATA_COLOR = '#4b5361';

export interface ColorScale {
  /** Class boundaries, ascending: class i covers [breaks[i], breaks[i+1]). Values beyond the ends clamp. */
  breaks: number[];
  /** One colour per class, in the order of the classes. */
  colors: string[];
  /** True when the palette is reversed (the indicator's good direction is down). */
  reversed: boolean;
  /** Where the boundaries come from: the indicator's typical range, or the data's quantiles. */
  basis: 'range' | 'quantile';
  decimals: number;
}

type ScaleIndicator = Pick<Indicator, 'range' | 'good' | 'decimals'>;

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (pos - lo);
}

/**
 * The range fits when most of the data lies in it, spreads over at least 3 of its classes, and no class holds more
 * than half of it; otherwise a map of 34 provinces in one or two colours would say nothing, and the data's quantiles
 * are used instead (the legend still shows their numbers).
 */
function rangeFits(indicator: ScaleIndicator, sorted: number[], classes: number): boolean {
  const { min, max } = indicator.range;
  if (!(Number.isFinite(min) && Number.isFinite(max) && max > min)) return false;
  if (sorted.length === 0) return true;
  const inside = sorted.filter((v) => v >= min && v <= max).length;
  if (inside / sorted.length < 0.8) return false;
  const distinct = new Set(sorted).size;
  const step = (max - min) / classes;
  const counts = new Map<number, number>();
  for (const v of sorted) {
    const c = Math.min(classes - 1, Math.max(0, Math.floor((v - min) / step)));
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const largest = Math.max(...counts.values());
  return counts.size >= Math.min(3, distinct) && (distinct < 3 || largest <= sorted.length / 2);
}

function equalBreaks(min: number, max: number, classes: number): number[] {
  const step = (max - min) / classes;
  return Array.from({ length: classes + 1 }, (_, i) => min + i * step);
}

/** Quantile boundaries rounded to two significant figures of the data's span, without duplicates. */
function quantileBreaks(sorted: number[], classes: number, decimals: number): number[] {
  const lo = sorted[0] ?? 0;
  const hi = sorted[sorted.length - 1] ?? lo;
  const span = hi - lo;
  const step = span > 0 ? Math.max(10 ** -decimals, 10 ** (Math.floor(Math.log10(span)) - 1)) : 10 ** -decimals;
  const breaks: number[] = [];
  for (let i = 0; i <= classes; i += 1) {
    const raw = i === 0 ? lo : i === classes ? hi : quantile(sorted, i / classes);
    const b = i === 0 ? Math.floor(raw / step) * step : i === classes ? Math.ceil(raw / step) * step : roundTo(raw, step);
    const fixed = Number(b.toFixed(Math.max(decimals, 6)));
    if (breaks.length === 0 || fixed > (breaks[breaks.length - 1] ?? Number.NEGATIVE_INFINITY)) breaks.push(fixed);
  }
  if (breaks.length === 1) breaks.push((breaks[0] ?? 0) + step);
  return breaks;
}

/** Spread k colours over the palette (k ≤ 6). */
function pickColors(k: number, reversed: boolean): string[] {
  const n = PALETTE.length;
  const picked = Array.from({ length: k }, (_, i) => PALETTE[k === 1 ? n - 1 : Math.round((i * (n - 1)) / (k - 1))] ?? PALETTE[0]);
  return reversed ? picked.reverse() : picked;
}

/** Classes for an indicator's map: from its typical range when the data fits it, else from the data's quantiles. */
export function buildColorScale(indicator: ScaleIndicator, values: readonly number[], classes = 5): ColorScale {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const k = Math.max(1, Math.min(PALETTE.length, Math.trunc(classes)));
  const basis = rangeFits(indicator, sorted, k) ? 'range' : 'quantile';
  const breaks =
    basis === 'range' ? equalBreaks(indicator.range.min, indicator.range.max, k) : quantileBreaks(sorted, k, indicator.decimals);
  const reversed = indicator.good === 'down';
  return { breaks, colors: pickColors(breaks.length - 1, reversed), reversed, basis, decimals: indicator.decimals };
}

/** The class of a value (values beyond the ends go to the first or last class). */
export function classOf(scale: ColorScale, value: number): number {
  const last = scale.breaks.length - 2;
  for (let i = last; i > 0; i -= 1) if (value >= (scale.breaks[i] ?? Number.POSITIVE_INFINITY)) return i;
  return 0;
}

export function colorOf(scale: ColorScale, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_DATA_COLOR;
  return scale.colors[classOf(scale, value)] ?? NO_DATA_COLOR;
}
