import type { CsvCell } from '../../core/format';
import { csvNumber, formatDateTime, formatPeriod } from '../../core/format';
import type { Locale } from '../../core/i18n';
import type { HistoryPoint } from '../charts/history.model';

/** One unit of a table or map, as exported. */
export interface UnitRow {
  code: string;
  name: string;
  value: number | null;
  period: string | null;
  observedAt: number | null;
  reporting?: number;
  expected?: number;
  stale: boolean;
}

export interface UnitCsvLabels {
  code: string;
  name: string;
  value: string;
  period: string;
  observedAt: string;
  coverage: string;
  status: string;
  fresh: string;
  stale: string;
  noData: string;
}

/** A units table as CSV rows, in the order given (the order on screen). Coverage only where some row has one. */
export function unitRowsCsv(rows: readonly UnitRow[], l: UnitCsvLabels, decimals: number, locale: Locale): CsvCell[][] {
  const withCoverage = rows.some((r) => r.reporting !== undefined && r.expected !== undefined);
  const header = [l.code, l.name, l.value, l.period, l.observedAt, ...(withCoverage ? [l.coverage] : []), l.status];
  const body = rows.map((r) => [
    r.code,
    r.name,
    csvNumber(r.value, decimals, locale),
    r.period ? formatPeriod(r.period, locale) : '',
    r.observedAt === null ? '' : formatDateTime(r.observedAt, locale),
    ...(withCoverage ? [r.reporting !== undefined && r.expected !== undefined ? `${r.reporting}/${r.expected}` : ''] : []),
    r.value === null ? l.noData : r.stale ? l.stale : l.fresh,
  ]);
  return [header, ...body];
}

/**
 * A history as CSV rows: one row per time, the unit's value and the comparison's side by side (empty where a line
 * has no point at that time).
 */
export function seriesCsv(
  main: readonly HistoryPoint[],
  compare: readonly HistoryPoint[] | null,
  labels: { time: string; main: string; compare: string | null },
  decimals: number,
  locale: Locale,
): CsvCell[][] {
  const times = new Map<number, { main?: number | null; compare?: number | null }>();
  for (const p of main) times.set(p.t, { ...times.get(p.t), main: p.value });
  if (compare) for (const p of compare) times.set(p.t, { ...times.get(p.t), compare: p.value });
  const withCompare = compare !== null && labels.compare !== null;
  const header = [labels.time, labels.main, ...(withCompare ? [labels.compare] : [])];
  const body = [...times.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([t, v]) => [
      formatDateTime(t, locale),
      csvNumber(v.main ?? null, decimals, locale),
      ...(withCompare ? [csvNumber(v.compare ?? null, decimals, locale)] : []),
    ]);
  return [header, ...body];
}
