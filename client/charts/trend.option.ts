import type { ChartOption } from './echarts';

export interface TrendPoint {
  t: number;
  value: number | null;
}

/** At most this many points per trend (24 h of 5-minute buckets is 288). */
export const MAX_TREND_POINTS = 300;

/**
 * A sparkline: the last day of an indicator as a line with a soft area, no axes (the tile's big number carries the
 * value), the newest point marked. Pure: the same points give the same option.
 */
export function trendOption(points: readonly TrendPoint[], color: string, muted: boolean): ChartOption {
  const data = points.slice(-MAX_TREND_POINTS).map((p): [number, number | null] => [p.t, p.value]);
  const line = muted ? '#6c7a90' : color;
  const last = data[data.length - 1];
  const lastValue = last?.[1] ?? null;
  return {
    animation: false,
    grid: { left: 4, right: 10, top: 8, bottom: 4 },
    xAxis: { type: 'time', show: false },
    yAxis: { type: 'value', show: false, scale: true },
    series: [
      {
        type: 'line',
        data,
        showSymbol: false,
        connectNulls: false,
        lineStyle: { width: 2.5, color: line },
        areaStyle: { color: line, opacity: 0.14 },
        silent: true,
        markPoint:
          last && lastValue !== null
            ? {
                symbol: 'circle',
                symbolSize: 9,
                itemStyle: { color: line },
                label: { show: false },
                data: [{ name: 'now', coord: [last[0], lastValue] }],
              }
            : undefined,
      },
    ],
  };
}
