import { describe, expect, it } from 'vitest';
import type { AlertEvent, AlertRecord } from '../../../core/alerts/alert';
import { NEWS_MS, tickerItem } from './ticker.model';

const rec = (id: string, over: Partial<AlertRecord> = {}): AlertRecord => ({
  id, indicator: 'dossier_on_time_rate', unit: '20194', ruleScope: 'VN', severity: 'warning', phase: 'firing', value: 80,
  firedAt: 0, resolvedAt: null, acknowledged: null, assignee: null, silencedUntil: null, ...over,
});
const ev = (alert: AlertRecord, kind: AlertEvent['kind'], receivedAt: number) => ({ event: { alert, kind, at: receivedAt, by: 'system' }, receivedAt });

describe('ticker', () => {
  const open = [rec('a', { severity: 'critical' }), rec('b'), rec('c')];
  const current = (id: string) => open.find((a) => a.id === id);

  it('rotates through the worst open alerts when nothing is new', () => {
    expect(tickerItem([], open, current, 0, 6000, 5)?.alert.id).toBe('a');
    expect(tickerItem([], open, current, 6000, 6000, 5)?.alert.id).toBe('b');
    expect(tickerItem([], [], current, 0, 6000, 5)).toBeNull();
  });

  it('keeps the most urgent new alert in sight while it is news, a province before its communes', () => {
    const province = rec('p', { unit: '48', severity: 'critical' });
    const commune = rec('q', { unit: '20194', severity: 'critical' });
    const recent = [ev(commune, 'fired', 1000), ev(province, 'fired', 900), ev(rec('r'), 'fired', 950)];
    expect(tickerItem(recent, open, () => undefined, 2000, 6000, 5)).toMatchObject({ alert: { id: 'p' }, news: 'fired' });
    expect(tickerItem(recent, open, () => undefined, 900 + NEWS_MS + 1, 6000, 5)?.alert.id).toBe('q');
    const acked = { ...province, acknowledged: { by: 'op', at: 3000, comment: 'ok' } };
    expect(tickerItem([ev(acked, 'acknowledged', 3000)], open, () => acked, 4000, 6000, 5)).toMatchObject({ news: 'acknowledged' });
    const resolved = { ...province, phase: 'resolved' as const };
    expect(tickerItem(recent, open, (id) => (id === 'p' ? resolved : undefined), 2000, 6000, 5)?.alert.id).toBe('q');
  });
});
