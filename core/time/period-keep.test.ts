import { describe, expect, it } from 'vitest';
import { isExpiredPeriod, isPrunablePeriod, periodKeepMs } from './period-keep';
import { periodStartMs } from './period';

const at = (vnDate: string, hour = 0) => periodStartMs(vnDate)! + hour * 3600_000;

describe('how long past periods are kept', () => {
  it('keeps days PERIOD_KEEP_DAYS after they end, longer periods two years, live for ever', () => {
    expect(periodKeepMs('day', 35)).toBe(35 * 86_400_000);
    expect(periodKeepMs('month', 35)).toBe(730 * 86_400_000);
    expect(periodKeepMs('live', 35)).toBeUndefined();
  });

  it('expires a day once it ended more than the keep ago (Viet Nam time)', () => {
    // 2026-11-01 ends at 2026-11-02 00:00 VN; with 35 days kept it expires after 2026-12-07 00:00 VN
    expect(isExpiredPeriod('2026-11-01', 'day', at('2026-12-07') - 1, 35)).toBe(false);
    expect(isExpiredPeriod('2026-11-01', 'day', at('2026-12-07') + 1, 35)).toBe(true);
    expect(isExpiredPeriod('2026-12-06', 'day', at('2026-12-07', 12), 35)).toBe(false);
  });

  it('prunes a day later than it expires', () => {
    expect(isPrunablePeriod('2026-11-01', 'day', at('2026-12-07') + 1, 35)).toBe(false);
    expect(isPrunablePeriod('2026-11-01', 'day', at('2026-12-08') + 1, 35)).toBe(true);
  });

  it('keeps months, quarters and years two years after they end', () => {
    expect(isExpiredPeriod('2024-12', 'month', at('2026-12-07'), 35)).toBe(false);
    expect(isExpiredPeriod('2024-11', 'month', at('2026-12-07'), 35)).toBe(true);
    expect(isExpiredPeriod('2024-Q4', 'quarter', at('2026-12-07'), 35)).toBe(false);
    expect(isExpiredPeriod('2023', 'year', at('2026-12-07'), 35)).toBe(true);
    expect(isExpiredPeriod('live', 'live', at('2030-01-01'), 35)).toBe(false);
  });
});
