import { VN_OFFSET_MS } from '../../../core/time/period';

/** A stable 32-bit hash of a string (FNV-1a), for per-unit traits that do not change between runs. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A number in [0, 1) from a string. */
export function unit01(s: string): number {
  return hash32(s) / 2 ** 32;
}

export interface UnitTraits {
  /** How well the unit is run, 0 (worst) to 1 (best). */
  quality: number;
  /** Relative workload: about 0.3 (a remote commune) to 3 (a big urban ward or a city). */
  size: number;
  /** Phase of its daily wave, so units do not move in lock step. */
  phase: number;
}

export function traitsOf(code: string, areaKm2: number | null, level: string): UnitTraits {
  const quality = 0.15 + 0.85 * unit01(`q:${code}`);
  const dense = areaKm2 ? Math.min(3, Math.max(0.3, 40 / Math.sqrt(areaKm2 + 1))) : 1;
  const levelFactor = level === 'province' ? 20 : level === 'ministry' ? 15 : 1;
  return { quality, size: dense * (0.6 + 0.8 * unit01(`s:${code}`)) * levelFactor, phase: unit01(`p:${code}`) * 2 * Math.PI };
}

/** Hours since midnight in Viet Nam, fractional. */
export function vnHour(nowMs: number): number {
  return (((nowMs + VN_OFFSET_MS) % 86400_000) + 86400_000) % 86400_000 / 3600_000;
}

/** Day of the week in Viet Nam, 0 = Sunday. */
export function vnWeekday(nowMs: number): number {
  return new Date(nowMs + VN_OFFSET_MS).getUTCDay();
}

/**
 * The share of a working day's dossiers already received by this hour: flat before 7:30, rising through the morning,
 * a lunch pause from 11:30 to 13:30, rising again until 17:00. Weekends carry a tenth of a weekday's load.
 */
export function workdayProgress(nowMs: number): number {
  const h = vnHour(nowMs);
  const seg = (from: number, to: number) => Math.min(1, Math.max(0, (h - from) / (to - from)));
  const share = 0.5 * seg(7.5, 11.5) + 0.5 * seg(13.5, 17);
  const weekend = [0, 6].includes(vnWeekday(nowMs));
  return weekend ? 0.1 * share : share;
}
