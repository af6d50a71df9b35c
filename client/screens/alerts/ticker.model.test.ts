import { describe, expect, it } from 'vitest';
import type { AlertEvent, AlertRecord } from '../../../core/alerts/alert';
import { NEWS_MS, updateNews } from '../../stores/alerts.merge';
import { tickerItem } from './ticker.model';

const rec = (id: string, over: Partial<AlertRecord> = {}): AlertRecord => ({
  id, indicator: 'dossier_on_time_rate', unit: '20194', ruleScope: 'VN', severity: 'warning', phase: 'firing', value: 80,
  firedAt: 0, resolvedAt: null, acknowledged: null, assignee: null, silencedUntil: null, ...over,
});
const ev = (alert: AlertRecord, kind: AlertEvent['kind']): AlertEvent => ({ alert, kind, at: 0, by: 'system' });

describe('ticker', () => {
  const open = [rec('a', { severity: 'critical' }), rec('b'), rec('c')];

  it('rotates through the worst open alerts when nothing is new', () => {
    const current = (id: string) => open.find((a) => a.id === id);
    expect(tickerItem(new Map(), open, current, 0, 6000, 5)?.alert.id).toBe('a');
    expect(tickerItem(new Map(), open, current, 6000, 6000, 5)?.alert.id).toBe('b');
    expect(tickerItem(new Map(), [], current, 0, 6000, 5)).toBeNull();
  });

  it('keeps the most urgent new alert in sight while it is news, a province before the hundreds of communes firing with it', () => {
    const province = rec('p', { unit: '48', severity: 'critical' });
    const communes = Array.from({ length: 300 }, (_, i) => rec(`q${i}`, { unit: String(20000 + i), severity: 'critical', firedAt: 5 }));
    const all = new Map([province, ...communes].map((a) => [a.id, a]));
    const news = updateNews(new Map(), [ev(province, 'fired'), ...communes.map((c) => ev(c, 'fired'))], 1000);
    expect(tickerItem(news, open, (id) => all.get(id), 2000, 6000, 5)).toMatchObject({ alert: { id: 'p' }, news: 'fired' });
    // no longer news: back to the rotation; news older than NEWS_MS is forgotten at the next update
    expect(tickerItem(news, open, (id) => all.get(id), 1000 + NEWS_MS + 1, 6000, 5)?.news).toBeNull();
    expect(updateNews(news, [], 1000 + NEWS_MS + 1).size).toBe(0);
  });

  it('of equally urgent news, shows the latest: an acknowledgement after another province fired', () => {
    const acked = rec('p', { unit: '48', severity: 'critical', firedAt: 1, acknowledged: { by: 'op', at: 3000, comment: 'ok' } });
    const other = rec('o', { unit: '01', severity: 'critical', firedAt: 2 });
    const all = new Map([acked, other].map((a) => [a.id, a]));
    const news = updateNews(updateNews(new Map(), [ev(other, 'fired')], 2000), [ev(acked, 'acknowledged')], 3000);
    expect(tickerItem(news, open, (id) => all.get(id), 3500, 6000, 5)).toMatchObject({ alert: { id: 'p' }, news: 'acknowledged' });
  });

  it('shows an acknowledgement as news, and never a closed alert', () => {
    const acked = rec('p', { unit: '48', severity: 'critical', acknowledged: { by: 'op', at: 3000, comment: 'ok' } });
    const news = updateNews(new Map(), [ev(acked, 'acknowledged')], 3000);
    expect(tickerItem(news, open, () => acked, 4000, 6000, 5)).toMatchObject({ alert: { id: 'p' }, news: 'acknowledged' });
    expect(tickerItem(news, open, () => ({ ...acked, phase: 'resolved' }), 4000, 6000, 5)?.alert.id).toBe('a');
  });
});
