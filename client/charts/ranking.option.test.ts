import { describe, expect, it } from 'vitest';
import { BAND_COLORS, rankingOption } from './ranking.option';

describe('ranking option', () => {
  const option = rankingOption(
    [
      { rank: 1, name: 'Hà Nội', total: 92.5, band: 'excellent' },
      { rank: 2, name: 'Đà Nẵng', total: 61, band: 'average' },
      { rank: null, name: 'Huế', total: null, band: undefined },
    ],
    20,
    300,
    (v) => v.toFixed(2).replace('.', ','),
  );
  const series = (option.series as { data: { value: number | null; itemStyle: { color: string } }[]; label: { formatter: (p: { value?: unknown }) => string } }[])[0]!;

  it('lists "rank. name" from the top, coloured by band, grey without a total', () => {
    expect((option.yAxis as { data: string[]; inverse: boolean }).data).toEqual(['1. Hà Nội', '2. Đà Nẵng', '–. Huế']);
    expect((option.yAxis as { inverse: boolean }).inverse).toBe(true);
    expect(series.data.map((d) => d.itemStyle.color)).toEqual([BAND_COLORS.excellent, BAND_COLORS.average, '#8393ab']);
    expect(series.data.map((d) => d.value)).toEqual([92.5, 61, null]);
  });

  it('writes totals in the page locale and a dash for none, on a fixed 0–100 scale', () => {
    expect(series.label.formatter({ value: 92.5 })).toBe('92,50');
    expect(series.label.formatter({ value: null })).toBe('–');
    expect(option.xAxis).toMatchObject({ min: 0, max: 100 });
  });
});
