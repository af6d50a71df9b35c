import { describe, expect, it, vi } from 'vitest';

const answers: unknown[] = [];
vi.mock('../api/http', () => ({ getJson: vi.fn(async () => answers.shift()) }));
const { cleanPoints, createSeriesCache } = await import('./series.cache');
const { getJson } = await import('../api/http');

describe('cleanPoints', () => {
  it('keeps finite bucket starts, turns bad values into gaps and keeps the newest', () => {
    const body = { points: [{ t: 1, value: 1 }, { t: Number.NaN, value: 2 }, { t: 3, value: null }, { t: 4, value: Infinity }] } as never;
    expect(cleanPoints(body, 2)).toEqual([{ t: 3, value: null }, { t: 4, value: null }]);
    expect(cleanPoints({}, 5)).toEqual([]);
  });
});

describe('createSeriesCache', () => {
  it('fetches once while fresh, keeps the newest entries and forgets what is not wanted', async () => {
    const cache = createSeriesCache({ maxAgeMs: 60_000, maxPoints: 10, maxEntries: 2, entry: (_b, points, fetchedAt) => ({ fetchedAt, points }) });
    answers.push({ points: [{ t: 1, value: 1 }] }, { points: [] }, { points: [] });
    await cache.ensure('a', 'VN', 'range=24h');
    await cache.ensure('a', 'VN', 'range=24h');
    expect(getJson).toHaveBeenCalledTimes(1);
    expect(vi.mocked(getJson).mock.calls[0]![0]).toBe('/api/v1/series?indicator=a&unit=VN&range=24h');
    await cache.ensure('a', '48', 'range=24h');
    await cache.ensure('b', '48', 'from=1&to=2');
    expect([...cache.entries.value.keys()]).toEqual(['a|48|range=24h', 'b|48|from=1&to=2']);
    cache.keep((k) => k.startsWith('b|'));
    expect([...cache.entries.value.keys()]).toEqual(['b|48|from=1&to=2']);
  });

  it('keeps the last answer and the error when a refresh fails', async () => {
    const cache = createSeriesCache({ maxAgeMs: 0, maxPoints: 10, entry: (_b, points, fetchedAt) => ({ fetchedAt, points }) });
    answers.push({ points: [{ t: 1, value: 1 }] });
    await cache.ensure('a', 'VN', 'range=7d');
    vi.mocked(getJson).mockRejectedValueOnce(new Error('503'));
    await cache.ensure('a', 'VN', 'range=7d');
    expect(cache.entries.value.get('a|VN|range=7d')?.points).toEqual([{ t: 1, value: 1 }]);
    expect(cache.errors.value.get('a|VN|range=7d')).toBe('503');
  });
});
