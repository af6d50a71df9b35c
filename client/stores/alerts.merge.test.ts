import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../core/alerts/alert';
import { alertsByArea, applyEvents, countOpen, mergeRecord, prune, worstFirst } from './alerts.merge';

let n = 0;
const alert = (over: Partial<AlertRecord> = {}): AlertRecord => ({
  id: `a${++n}`,
  indicator: 'dossier_on_time_rate',
  unit: '48',
  ruleScope: 'VN',
  severity: 'warning',
  phase: 'firing',
  value: 80,
  firedAt: 1000 + n,
  resolvedAt: null,
  acknowledged: null,
  assignee: null,
  silencedUntil: null,
  ...over,
});
const PARENT: Record<string, string> = { '20194': '48', '20195': '48', '00004': '01' };
const provinceOf = (code: string) => (code.length === 2 ? code : PARENT[code]);

describe('alerts merge', () => {
  it('sorts open first, worst first (critical, no data, warning), broader units first, newest first', () => {
    const list = [
      alert({ id: 'w-old', firedAt: 1 }),
      alert({ id: 'closed', severity: 'critical', phase: 'resolved', resolvedAt: 5 }),
      alert({ id: 'w-commune', unit: '20194', firedAt: 9 }),
      alert({ id: 'nodata', severity: 'nodata' }),
      alert({ id: 'w-new', firedAt: 8 }),
      alert({ id: 'crit', severity: 'critical', unit: '20195' }),
    ];
    expect(list.sort(worstFirst).map((a) => a.id)).toEqual(['crit', 'nodata', 'w-new', 'w-old', 'w-commune', 'closed']);
  });

  it('never reopens a resolved alert, and keeps the later acknowledgement, whatever the order of arrival', () => {
    const fired = alert({ id: 'x' });
    const resolved = { ...fired, phase: 'resolved' as const, resolvedAt: 50 };
    const acked = { ...fired, acknowledged: { by: 'op48', at: 40, comment: 'đang xử lý' } };
    expect(mergeRecord(resolved, acked)).toMatchObject({ phase: 'resolved', resolvedAt: 50, acknowledged: { by: 'op48' } });
    expect(mergeRecord(acked, resolved)).toMatchObject({ phase: 'resolved', acknowledged: { by: 'op48' } });
    const again = { ...fired, acknowledged: { by: 'admin', at: 60, comment: 'xong' } };
    expect(mergeRecord(again, acked).acknowledged?.by).toBe('admin');
  });

  it('applies events in order and stays bounded: open alerts kept (least urgent dropped first), recent closed ones', () => {
    const book = new Map<string, AlertRecord>();
    const open = [alert({ id: 'o1', severity: 'critical' }), alert({ id: 'o2' }), alert({ id: 'o3', severity: 'nodata' })];
    const closed = [1, 2, 3].map((i) => alert({ id: `c${i}`, phase: 'resolved', resolvedAt: i * 10 }));
    applyEvents(book, [...open, ...closed].map((a) => ({ alert: a, kind: 'fired', at: 0, by: 'system' })));
    prune(book, { maxOpen: 2, maxClosed: 2 });
    expect([...book.keys()].sort()).toEqual(['c2', 'c3', 'o1', 'o3']);
  });

  it('gathers open alerts of an indicator by province: worst severity, own alert, communes in alert', () => {
    const open = [
      alert({ unit: '20194', severity: 'warning' }),
      alert({ unit: '20194', severity: 'critical', indicator: 'other' }),
      alert({ unit: '20195', severity: 'critical' }),
      alert({ unit: '48', severity: 'warning' }),
      alert({ unit: '00004', severity: 'nodata' }),
      alert({ unit: '01', phase: 'resolved' }),
    ];
    const one = alertsByArea(open, 'dossier_on_time_rate', provinceOf);
    expect(one.provinces.get('48')).toEqual({ worst: 'critical', own: 'warning', communes: 2, total: 3 });
    expect(one.provinces.get('01')).toEqual({ worst: 'nodata', own: null, communes: 1, total: 1 });
    expect(one.communes.get('20194')).toBe('warning');
    expect(alertsByArea(open, null, provinceOf).communes.get('20194')).toBe('critical');
    expect(countOpen(open)).toEqual({ critical: 2, nodata: 1, warning: 2, acknowledged: 0, open: 5 });
  });
});
