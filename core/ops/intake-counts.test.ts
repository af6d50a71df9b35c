import { describe, expect, it } from 'vitest';
import { intakeCounts } from './intake-counts';

describe('ingest counters from a receipt', () => {
  it('counts accepted and rejected items, rejections by code', () => {
    const rejected = [
      { index: 1, code: 'unknown_unit' as const, reason: 'x' },
      { index: 3, code: 'unknown_unit' as const, reason: 'x' },
      { index: 4, code: 'period_expired' as const, reason: 'x' },
    ];
    expect(intakeCounts({ batchId: 'b', accepted: 7, rejected, status: 'queued' }, 10)).toEqual({
      results: { accepted: 7, rejected: 3 },
      reasons: { unknown_unit: 2, period_expired: 1 },
    });
  });

  it('counts every item of a resent batch as duplicate, and the valid items of a refused batch as refused', () => {
    expect(intakeCounts({ batchId: 'b', accepted: 0, rejected: [], status: 'duplicate' }, 5)).toEqual({ results: { duplicate: 5 }, reasons: {} });
    const r = intakeCounts({ batchId: 'b', accepted: 0, rejected: [{ index: 0, code: 'unknown_unit', reason: 'x' }], status: 'refused' }, 5);
    expect(r.results).toEqual({ accepted: 0, rejected: 1, refused: 4 });
  });
});
