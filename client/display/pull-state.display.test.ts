import { describe, expect, it } from 'vitest';
import { connectorState, rejectionLines, shortWhen } from './pull-state.display';

describe('connectorState', () => {
  it('paused wins, then never pulled, then the outcome of the last pull', () => {
    expect(connectorState(true, { lastPullAt: 5, lastOutcome: 'failed' })).toBe('paused');
    expect(connectorState(false, { lastPullAt: null, lastOutcome: null })).toBe('never');
    expect(connectorState(false, { lastPullAt: 5, lastOutcome: 'failed' })).toBe('failing');
    expect(connectorState(false, { lastPullAt: 5, lastOutcome: 'ok' })).toBe('ok');
    expect(connectorState(false, { lastPullAt: 5, lastOutcome: 'unchanged' })).toBe('ok');
  });
});

describe('rejectionLines', () => {
  it('names a file row by its row, a JSON record by its 1-based place, at most `max`', () => {
    const firstRejections = [
      { record: 0, code: 'bad_number', reason: '"v" is not a number' },
      { record: 4, row: 6, code: 'unmapped_unit', reason: 'no unit named "X"' },
      { record: 7, code: 'missing_field', reason: 'empty' },
    ];
    expect(rejectionLines({ firstRejections }, { row: 'dòng', record: 'bản ghi' }, 2)).toEqual(['bản ghi 1: "v" is not a number', 'dòng 6: no unit named "X"']);
    expect(rejectionLines({ firstRejections: [] }, { row: 'row', record: 'record' })).toEqual([]);
  });
});

describe('shortWhen', () => {
  const now = Date.parse('2026-11-28T16:30:00Z'); // 23:30 on 28/11 in Viet Nam
  it('is the time alone on the same Viet Nam day, else with its day and month', () => {
    expect(shortWhen(Date.parse('2026-11-28T07:05:00Z'), now)).toBe('14:05');
    expect(shortWhen(Date.parse('2026-11-28T17:00:00Z'), now)).toBe('29/11 00:00');
    expect(shortWhen(Date.parse('2026-11-27T16:59:00Z'), now)).toBe('27/11 23:59');
  });
});
