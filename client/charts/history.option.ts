import type { Locale } from '../../core/i18n';
import { formatDate, formatDateTime, formatNumber, formatTime } from '../../core/format';
import type { ChartOption } from './echarts';
import type { HistoryPoint } from './history.model';

/** The unit's own line and the comparison line: blue and orange stay apart for every common colour vision. */
export const HISTORY_COLORS = { main: '#57d3ff', compare: '#ffb020' } as const;

export interface HistoryOptionInput {
  main: readonly HistoryPoint[];
  compare: readonly HistoryPoint[] | null;
  /** The window shown: [now − range, now]. */
  from: number;
  to: number;
  decimals: number;
  locale: Locale;
  /** The page's base font size in px, so the axes read from across a room as the rest of the screen does. */
  fontSize: number;
  names: { main: string; compare: string | null };
  /** Label the time axis with dates (ranges beyond a day) instead of hours. */
  dates: boolean;
}

const pairs = (points: readonly HistoryPoint[]) => points.map((p): [number, number | null] => [p.t, p.value]);

/** A unit's history with axes and a comparison line. Pure: the same input gives the same option. */
export function historyOption(i: HistoryOptionInput): ChartOption {
  const text = { color: '#b3c0d4', fontSize: Math.round(i.fontSize * 0.85), fontFamily: 'Be Vietnam Pro, sans-serif' };
  const few = i.main.length <= 12;
  /** Lines thicken with the type, so a 4K wall sees them as a desk does. */
  const w = Math.max(2, i.fontSize / 6);
  const series: NonNullable<ChartOption['series']> = [
    {
      type: 'line',
      name: i.names.main,
      data: pairs(i.main),
      showSymbol: few,
      symbolSize: w * 2.8,
      connectNulls: false,
      lineStyle: { width: w, color: HISTORY_COLORS.main },
      itemStyle: { color: HISTORY_COLORS.main },
      areaStyle: { color: HISTORY_COLORS.main, opacity: 0.1 },
    },
  ];
  if (i.compare && i.names.compare) {
    series.push({
      type: 'line',
      name: i.names.compare,
      data: pairs(i.compare),
      showSymbol: i.compare.length <= 12,
      symbolSize: w * 2.4,
      connectNulls: false,
      lineStyle: { width: w * 0.9, color: HISTORY_COLORS.compare, type: 'dashed' },
      itemStyle: { color: HISTORY_COLORS.compare },
    });
  }
  return {
    animation: false,
    // room on the right for the last time label, which is centred on the window's end
    grid: { left: 8, right: Math.round(i.fontSize * 1.8), top: 14, bottom: 6, containLabel: true },
    tooltip: {
      trigger: 'axis',
      backgroundColor: 'rgba(6, 12, 23, 0.95)',
      borderColor: HISTORY_COLORS.main,
      textStyle: { ...text, color: '#f3f6fb' },
      valueFormatter: (v) => formatNumber(typeof v === 'number' ? v : null, i.decimals, i.locale),
      axisPointer: { type: 'line', lineStyle: { color: '#8393ab' } },
    },
    xAxis: {
      type: 'time',
      min: i.from,
      max: i.to,
      axisLabel: {
        ...text,
        hideOverlap: true,
        formatter: (v: number) => (i.dates ? formatDate(v).slice(0, 5) : formatTime(v).slice(0, 5)),
      },
      axisLine: { lineStyle: { color: '#22344f' } },
      splitLine: { show: false },
      axisPointer: { label: { formatter: ({ value }) => formatDateTime(Number(value), i.locale) } },
    },
    yAxis: {
      type: 'value',
      scale: true,
      // a step finer than the shown decimals would label several lines alike (94,8 94,8 94,8…)
      minInterval: 10 ** -Math.max(0, i.decimals),
      axisLabel: { ...text, formatter: (v: number) => formatNumber(v, i.decimals, i.locale) },
      splitLine: { lineStyle: { color: '#22344f' } },
    },
    series,
  };
}
