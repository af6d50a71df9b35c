import type { Indicator } from '../../../core/indicators/indicator';
import { currentPeriod } from '../../../core/time/period';
import { DVC766_GROUPS, variantId } from '../../../core/indicators/variants';
import { PRIORITY_DATABASES } from '../../../core/priority-databases/catalog';
import { milestonesDone } from './priority-databases.sim';
import { hash32, traitsOf, unit01, vnHour, workdayProgress, type UnitTraits } from './traits';

/**
 * How the simulator draws each indicator it plays. Shapes:
 * - count: a day's cumulative count following office hours (base per commune-sized unit per day);
 * - rate: a ratio with its denominator following office hours and a rate around `mid` set by the unit's quality;
 * - wmean: a mean weighted by completed dossiers; - level: a slowly moving level (percentages, growth);
 * - score: an official score (766 points); - aqi: air quality with morning and evening peaks; - lag: hours since sync.
 */
export type Shape =
  | { kind: 'count'; base: number }
  | { kind: 'rate'; mid: number; spread: number; base: number }
  | { kind: 'wmean'; mid: number; spread: number; base: number }
  | { kind: 'level'; mid: number; spread: number }
  | { kind: 'score'; mid: number; spread: number }
  | { kind: 'aqi' }
  | { kind: 'lag' }
  /** a 766 group score (`group` set) or the total, which is the sum of the six groups, as the portal computes it */
  | { kind: 'dvc766'; group?: string }
  /** progress of one priority database: the share of its five milestones done (priority-databases.sim.ts) */
  | { kind: 'pdb'; db: string };

export const SIMULATED: Readonly<Record<string, Shape>> = {
  dossier_received_count: { kind: 'count', base: 40 },
  dossier_on_time_rate: { kind: 'rate', mid: 94, spread: 10, base: 40 },
  dossier_overdue_open_count: { kind: 'count', base: 2 },
  avg_processing_days: { kind: 'wmean', mid: 4, spread: 6, base: 30 },
  dossier_sync_rate: { kind: 'rate', mid: 96, spread: 8, base: 40 },
  online_submission_rate: { kind: 'rate', mid: 60, spread: 50, base: 40 },
  full_online_dossier_rate: { kind: 'rate', mid: 42, spread: 50, base: 30 },
  online_payment_dossier_rate: { kind: 'rate', mid: 55, spread: 50, base: 25 },
  e_result_rate: { kind: 'rate', mid: 85, spread: 25, base: 35 },
  dossier_digitization_rate: { kind: 'rate', mid: 78, spread: 30, base: 35 },
  dossier_satisfaction_rate: { kind: 'rate', mid: 95, spread: 8, base: 30 },
  field_report_count: { kind: 'count', base: 6 },
  field_report_resolved_rate: { kind: 'rate', mid: 93, spread: 12, base: 6 },
  vn_aqi: { kind: 'aqi' },
  camera_online_rate: { kind: 'rate', mid: 94, spread: 10, base: 12 },
  data_sync_lag_hours: { kind: 'lag' },
  dvc766_total_score: { kind: 'dvc766' },
  ...Object.fromEntries(DVC766_GROUPS.map((g) => [variantId('dvc766_group_score', g.code), { kind: 'dvc766', group: g.code } as Shape])),
  ...Object.fromEntries(PRIORITY_DATABASES.map((db) => [variantId('priority_db_progress_pct', db.id), { kind: 'pdb', db: db.id } as Shape])),
  health_insurance_coverage_rate: { kind: 'rate', mid: 93, spread: 8, base: 900 },
  grdp_growth_yoy: { kind: 'level', mid: 7, spread: 5 },
  export_value: { kind: 'count', base: 900 },
  budget_revenue: { kind: 'count', base: 60 },
};

/** Whether a unit reports a shape: a priority database's progress comes from its owner ministry and the nation only. */
export function reportsShape(shape: Shape, unit: { code: string; level: string }): boolean {
  if (shape.kind !== 'pdb') return true;
  const owner = PRIORITY_DATABASES.find((db) => db.id === shape.db)?.owner;
  return unit.code === owner || unit.level === 'national';
}

/** One observation as a feed sends it over the ingest API. */
export interface SimulatedObservation {
  indicator: string;
  unit: string;
  period: string;
  value?: number;
  num?: number;
  den?: number;
  weight?: number;
  observedAt: string;
}

export interface AnomalyWindow {
  /** Province whose communes' on-time rate drops (an alert to trip). */
  province: string;
  fromHour: number;
  toHour: number;
}

/** Today's anomaly: one province chosen by the date, 14:00–15:00 in Viet Nam. */
export function anomalyOf(provinces: readonly string[], nowMs: number): AnomalyWindow | undefined {
  if (provinces.length === 0) return undefined;
  const day = currentPeriod('day', nowMs);
  return { province: provinces[hash32(`anomaly:${day}`) % provinces.length]!, fromHour: 14, toHour: 15 };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Smooth noise in [-1, 1] that changes every few minutes for a unit. */
function drift(code: string, nowMs: number): number {
  const step = Math.floor(nowMs / 300_000);
  const a = unit01(`${code}:${step}`);
  const b = unit01(`${code}:${step + 1}`);
  const t = (nowMs % 300_000) / 300_000;
  return (a + (b - a) * t) * 2 - 1;
}

export function simulate(
  ind: Indicator,
  shape: Shape,
  unit: { code: string; traits: UnitTraits; province: string | null },
  nowMs: number,
  anomaly?: AnomalyWindow,
): SimulatedObservation {
  const { code, traits } = unit;
  const base = { indicator: ind.id, unit: code, period: currentPeriod(ind.periodKind, nowMs), observedAt: new Date(nowMs).toISOString() };
  const progress = workdayProgress(nowMs);
  const wave = Math.sin((2 * Math.PI * nowMs) / (3 * 3600_000) + traits.phase);
  const h = vnHour(nowMs);
  const inAnomaly = anomaly && unit.province === anomaly.province && h >= anomaly.fromHour && h < anomaly.toHour;
  const round = (x: number) => Math.max(0, Math.round(x));
  switch (shape.kind) {
    case 'count':
      return { ...base, value: round(shape.base * traits.size * (ind.periodKind === 'day' ? 0.02 + progress : 1 + 0.1 * wave)) };
    case 'rate': {
      const den = Math.max(1, round(shape.base * traits.size * (0.1 + progress)));
      let rate = shape.mid + shape.spread * (traits.quality - 0.5) + 1.5 * wave + drift(code, nowMs);
      if (inAnomaly && ind.id === 'dossier_on_time_rate') rate -= 25;
      rate = clamp(rate, ind.range.min, Math.min(ind.range.max, 100));
      return { ...base, num: Math.min(den, round((den * rate) / 100)), den };
    }
    case 'wmean':
      return {
        ...base,
        value: Number(clamp(shape.mid + shape.spread * (0.5 - traits.quality) + 0.5 * wave, ind.range.min, ind.range.max).toFixed(2)),
        weight: Math.max(1, round(shape.base * traits.size * (0.05 + progress))),
      };
    case 'level':
    case 'score': {
      const v = shape.mid + shape.spread * (traits.quality - 0.5) + 0.3 * wave;
      return { ...base, value: Number(clamp(v, ind.range.min, ind.range.max).toFixed(2)) };
    }
    case 'aqi': {
      const peaks = Math.exp(-(((h - 8) / 1.5) ** 2)) + Math.exp(-(((h - 18.5) / 2) ** 2));
      const v = 25 + 35 * Math.min(traits.size, 3) + 45 * peaks * traits.size ** 0.5 + 10 * drift(code, nowMs);
      return { ...base, value: round(clamp(v, 0, 500)) };
    }
    case 'dvc766': {
      const groups = shape.group ? DVC766_GROUPS.filter((g) => g.code === shape.group) : DVC766_GROUPS;
      const total = groups.reduce((sum, g) => sum + dvc766GroupScore(code, traits, g.code, g.max!, nowMs), 0);
      return { ...base, value: Number(total.toFixed(2)) };
    }
    case 'pdb':
      return { ...base, value: (100 * milestonesDone(shape.db, nowMs)) / 5 };
    case 'lag':
      return { ...base, value: Number((0.2 + 3 * (1 - traits.quality) ** 3 + 0.2 * drift(code, nowMs) + 0.2).toFixed(2)) };
  }
}

/** A unit's score in one 766 group: its quality, a per-group strength and a slow drift, within the group maximum. */
export function dvc766GroupScore(code: string, traits: UnitTraits, group: string, max: number, nowMs: number): number {
  const strength = unit01(`766:${code}:${group}`) - 0.5;
  const slow = Math.sin((2 * Math.PI * nowMs) / (7 * 86400_000) + traits.phase);
  const share = clamp(0.55 + 0.4 * traits.quality + 0.25 * strength + 0.02 * slow, 0.2, 1);
  return Number((max * share).toFixed(2));
}

export { traitsOf };
