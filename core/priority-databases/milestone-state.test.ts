import { describe, expect, it } from 'vitest';
import { milestoneState } from './milestone-state';

const now = Date.parse('2026-01-10T12:00:00+07:00');

describe('milestone state', () => {
  it('is done when reached on or before its planned date', () => {
    expect(milestoneState({ id: 'x', planned: '2025-12-15', actual: '2025-12-15' }, now)).toEqual({ state: 'done', days: 0 });
    expect(milestoneState({ id: 'x', planned: '2025-12-15', actual: '2025-12-01' }, now)).toEqual({ state: 'done', days: 0 });
  });
  it('says how many days late a milestone was reached', () => {
    expect(milestoneState({ id: 'x', planned: '2025-12-15', actual: '2025-12-20' }, now)).toEqual({ state: 'done_late', days: 5 });
  });
  it('is pending until its planned date has passed, then overdue by whole days', () => {
    expect(milestoneState({ id: 'x', planned: '2026-01-10', actual: null }, now)).toEqual({ state: 'pending', days: 0 });
    expect(milestoneState({ id: 'x', planned: '2025-12-15', actual: null }, now)).toEqual({ state: 'overdue', days: 26 });
  });
});
