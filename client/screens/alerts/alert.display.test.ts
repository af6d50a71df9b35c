import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../../core/alerts/alert';
import { filterQuery, formatSince, matchesFilters, msToVnLocal, NO_FILTERS, vnLocalToIso, vnLocalToMs } from './alert.display';

const at = Date.parse('2026-11-29T14:05:00+07:00');
const alert: AlertRecord = {
  id: 'a1', indicator: 'dossier_on_time_rate', unit: '20194', ruleScope: '48', severity: 'critical', phase: 'firing', value: 70,
  firedAt: at, resolvedAt: null, acknowledged: null, assignee: null, silencedUntil: null,
};
const within = (unit: string, scope: string) => unit === scope || (unit === '20194' && scope === '48');

describe('alert display helpers', () => {
  it('reads and writes datetime-local values as Vietnam time, whatever the browser zone', () => {
    expect(vnLocalToMs('2026-11-29T14:05')).toBe(at);
    expect(vnLocalToIso('2026-11-29T14:05')).toBe('2026-11-29T14:05:00+07:00');
    expect(msToVnLocal(at)).toBe('2026-11-29T14:05');
    expect(vnLocalToMs('')).toBeNull();
    expect(vnLocalToMs('29/11/2026')).toBeNull();
  });

  it('says since when: the time today, the date and time before', () => {
    expect(formatSince(at, at + 3600_000)).toBe('14:05');
    expect(formatSince(at, at + 86400_000)).toBe('29/11/2026 14:05');
  });

  it('builds the server query from the filters, leaving out empty ones and the whole nation', () => {
    expect(filterQuery(NO_FILTERS)).toBe('');
    expect(filterQuery({ ...NO_FILTERS, unit: 'VN', severity: 'critical', from: '2026-11-29T14:05' })).toBe(`severity=critical&from=${at}`);
  });

  it('matches live alerts against the filters as the server does', () => {
    expect(matchesFilters(alert, at, { ...NO_FILTERS, unit: '48', state: 'unacknowledged' }, within)).toBe(true);
    expect(matchesFilters(alert, at, { ...NO_FILTERS, unit: '01' }, within)).toBe(false);
    expect(matchesFilters(alert, at, { ...NO_FILTERS, state: 'acknowledged' }, within)).toBe(false);
    expect(matchesFilters(alert, at, { ...NO_FILTERS, severity: 'warning' }, within)).toBe(false);
    expect(matchesFilters(alert, at, { ...NO_FILTERS, to: '2026-11-29T14:00' }, within)).toBe(false);
  });
});
