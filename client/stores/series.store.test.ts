import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSeriesStore } from './series.store';

const entry = { fetchedAt: 0, points: [{ t: 1, value: 1 }] };

describe('series store: trends kept per scene', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('keeps a trend while any scene shows it, and drops it when none does', () => {
    const series = useSeriesStore();
    series.entries = new Map([
      ['a|VN|range=24h', entry],
      ['a|48|range=24h', entry],
      ['b|48|range=24h', entry],
    ]);
    series.retain([{ indicator: 'a', unit: 'VN' }, { indicator: 'a', unit: '48' }], 'national');
    series.retain([{ indicator: 'a', unit: '48' }], 'province-48');
    expect([...series.entries.keys()].sort()).toEqual(['a|48|range=24h', 'a|VN|range=24h']);
    // the national scene's refresh must not drop the province scene's trend kept alive beside it on a wall
    series.retain([{ indicator: 'a', unit: 'VN' }], 'national');
    expect([...series.entries.keys()].sort()).toEqual(['a|48|range=24h', 'a|VN|range=24h']);
    series.retain([], 'province-48');
    expect([...series.entries.keys()]).toEqual(['a|VN|range=24h']);
    expect(series.points('a', 'VN')).toEqual(entry.points);
  });
});
