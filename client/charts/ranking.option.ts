import type { Dvc766Band } from '../../core/rankings/dvc766';
import type { ChartOption } from './echarts';

/** Band colours, best to worst; the same in the chart and the table (always beside the band's name). */
export const BAND_COLORS: Readonly<Record<Dvc766Band, string>> = Object.freeze({
  excellent: '#2fd27a',
  good: '#9ad94a',
  fair: '#ffd23f',
  average: '#ff9a3c',
  weak: '#ff5a5f',
});

export interface RankingBar {
  rank: number | null;
  name: string;
  total: number | null;
  band: Dvc766Band | undefined;
}

/** Band cut-offs drawn as lines across the bars. */
const CUTS = [50, 70, 80, 90];

/**
 * The ranking as horizontal bars, first place at the top: "rank. name" on the left, the total at the bar's end,
 * coloured by band, with the cut-offs as dashed lines. `fontPx` follows the chart's size (rows must stay legible on
 * a wall), names longer than `labelWidthPx` are cut with an ellipsis; `format` writes totals in the page's locale. Pure: the same input gives the same option.
 */
export function rankingOption(
  bars: readonly RankingBar[],
  fontPx: number,
  labelWidthPx: number,
  format: (v: number) => string,
): ChartOption {
  const font = { fontFamily: 'Be Vietnam Pro, system-ui, sans-serif', fontSize: fontPx };
  return {
    animation: false,
    grid: { left: 4, right: fontPx * 4.2, top: fontPx * 1.6, bottom: 4 },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      position: 'top',
      interval: 10,
      axisLabel: {
        ...font,
        fontSize: Math.round(fontPx * 0.8),
        color: '#b3c0d4',
        formatter: (v: number) => (v % 50 === 0 ? String(v) : ''),
      },
      splitLine: { lineStyle: { color: '#22344f' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map((b) => `${b.rank ?? '–'}. ${b.name}`),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#22344f' } },
      axisLabel: { ...font, color: '#f3f6fb', fontWeight: 600, margin: fontPx * 0.6, width: labelWidthPx, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        barCategoryGap: '22%',
        silent: true,
        data: bars.map((b) => ({
          value: b.total,
          itemStyle: { color: b.band ? BAND_COLORS[b.band] : '#8393ab', borderRadius: [0, 4, 4, 0] },
        })),
        label: {
          show: true,
          position: 'right',
          ...font,
          fontWeight: 700,
          color: '#f3f6fb',
          formatter: (p: { value?: unknown }) => (typeof p.value === 'number' ? format(p.value) : '–'),
        },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#b3c0d4', type: 'dashed', width: 1, opacity: 0.55 },
          label: { show: false },
          data: CUTS.map((x) => ({ xAxis: x })),
        },
      },
    ],
  };
}
