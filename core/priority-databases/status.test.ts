import { describe, expect, it } from 'vitest';
import { databaseProgress, type MilestoneStatus } from './status';

const now = Date.parse('2026-01-10T12:00:00+07:00');
const plan = ['2025-08-31', '2025-10-15', '2025-11-15', '2025-12-15', '2025-12-31'];
const ids = ['reviewed', 'standardized', 'cleaned', 'connected', 'operating'];
const ms = (actuals: (string | null)[]): MilestoneStatus[] => ids.map((id, i) => ({ id, planned: plan[i]!, actual: actuals[i] ?? null }));

describe('priority database progress', () => {
  it('is done when all five milestones are reached', () => {
    const p = databaseProgress(ms(['2025-08-30', '2025-10-10', '2025-11-20', '2025-12-10', '2025-12-30']), now);
    expect(p).toMatchObject({ state: 'done', done: 5, progressPct: 100, connectedToNdc: true, next: null });
  });
  it('is late when a milestone not reached is past its plan, and says by how many days', () => {
    const p = databaseProgress(ms(['2025-08-30', '2025-10-10', '2025-11-20', null, null]), now);
    expect(p.state).toBe('late');
    expect(p.next).toEqual({ id: 'connected', planned: '2025-12-15', overdueDays: 26 });
    expect(p.connectedToNdc).toBe(false);
    expect(p.progressPct).toBe(60);
  });
  it('is on track while the next milestone is not yet due', () => {
    const early = Date.parse('2025-10-01T00:00:00+07:00');
    expect(databaseProgress(ms(['2025-08-30', null, null, null, null]), early).state).toBe('on_track');
  });
});
