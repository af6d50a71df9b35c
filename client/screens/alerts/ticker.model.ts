import type { AlertEvent, AlertRecord } from '../../../core/alerts/alert';
import { NEWS_MS, type News, severityRank, unitDepth, worstFirst } from '../../stores/alerts.merge';

/**
 * What the ticker shows now: the most urgent open alert that fired, got worse or was acknowledged in the last
 * NEWS_MS (it stays in sight while it is news, however many others fired with it; of equally urgent ones, the latest
 * news), else the worst open alerts in turn, one every `turnMs`.
 */
export function tickerItem(
  news: News,
  open: readonly AlertRecord[],
  current: (id: string) => AlertRecord | undefined,
  now: number,
  turnMs: number,
  turns: number,
): { alert: AlertRecord; news: AlertEvent['kind'] | null } | null {
  let best: { alert: AlertRecord; kind: AlertEvent['kind']; receivedAt: number } | null = null;
  const before = (a: AlertRecord, at: number, b: { alert: AlertRecord; receivedAt: number }) =>
    (severityRank(a.severity) - severityRank(b.alert.severity) || unitDepth(a.unit) - unitDepth(b.alert.unit) || b.receivedAt - at || worstFirst(a, b.alert)) < 0;
  for (const [id, n] of news) {
    if (now - n.receivedAt > NEWS_MS) continue;
    const alert = current(id);
    if (!alert || alert.phase !== 'firing') continue;
    if (!best || before(alert, n.receivedAt, best)) best = { alert, kind: n.kind, receivedAt: n.receivedAt };
  }
  if (best) return { alert: best.alert, news: best.kind };
  const top = open.slice(0, turns);
  return top.length ? { alert: top[Math.floor(now / turnMs) % top.length]!, news: null } : null;
}
