import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { describe, expect, it } from 'vitest';
import { historyOption, type HistoryOptionInput } from './history.option';

// Server-side rendering to SVG (test only; the dashboard draws on canvas through echarts.ts), to read the axis labels
// ECharts really lays out for an option.
use([LineChart, GridComponent, TooltipComponent, SVGRenderer]);

function yLabels(input: HistoryOptionInput): string[] {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: 420, height: 220 });
  chart.setOption(historyOption(input));
  const svg = chart.renderToSVGString();
  chart.dispose();
  // y labels are right-aligned at the grid's left; x labels are centred under it
  return [...svg.matchAll(/<text[^>]*text-anchor="end"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

const HOUR = 3_600_000;
const to = Date.UTC(2026, 10, 29, 5);
const input = (values: number[], decimals: number): HistoryOptionInput => ({
  main: values.map((value, i) => ({ t: to - (values.length - 1 - i) * HOUR, value })),
  compare: null,
  from: to - 24 * HOUR,
  to,
  decimals,
  locale: 'vi',
  fontSize: 16,
  names: { main: 'Cả nước', compare: null },
  dates: false,
});

describe('history option', () => {
  it('never repeats a value-axis label when the figures move less than the shown decimals (94,81 → 94,83)', () => {
    const labels = yLabels(input([94.81, 94.82, 94.83, 94.82], 1));
    expect(labels.length).toBeGreaterThanOrEqual(2);
    expect(new Set(labels).size).toBe(labels.length);
    for (const l of labels) expect(l).toMatch(/^\d+,\d$/);
  });

  it('steps whole units for counts (decimals 0), in vi-VN grouping', () => {
    const labels = yLabels(input([27_361, 27_362, 27_362], 0));
    expect(new Set(labels).size).toBe(labels.length);
    for (const l of labels) expect(l).toMatch(/^\d{2}\.\d{3}$/);
  });
});
