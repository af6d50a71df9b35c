import { describe, expect, it } from 'vitest';
import { buildColorScale } from './color-scale';
import { mustRebuild, SCALE_REFRESH_MS } from './stable-scale';

const counts = { range: { min: 0, max: 1_000_000 }, good: 'context' as const, decimals: 0 };
const scale = buildColorScale(counts, [100, 200, 300, 400, 500, 900]);
const built = { key: 'k', at: 0, scale };

describe('mustRebuild', () => {
  it('keeps the classes while values stay inside them', () => {
    expect(mustRebuild(built, 'k', [150, 850], 1_000)).toBe(false);
  });
  it('rebuilds on a new key, a value beyond the ends, or age', () => {
    expect(mustRebuild(null, 'k', [], 0)).toBe(true);
    expect(mustRebuild(built, 'other', [150], 1_000)).toBe(true);
    expect(mustRebuild(built, 'k', [5_000], 1_000)).toBe(true);
    expect(mustRebuild(built, 'k', [150], SCALE_REFRESH_MS)).toBe(true);
  });
});
