import type { AlertEvent, AlertRecord } from '../../../core/alerts/alert';
import { NEWS_MS, type News, worstFirst } from '../../stores/alerts.merge';

/**
 * What the ticker shows now: the most urgent open alert that fired, got worse or was acknowledged in the last
 * NEWS_MS (it stays in sight while it is news, however many others fired with it), else the worst open alerts in
 * turn, one every `turnMs`.
 */
export function tickerItem(
  news: News,
  open: readonly AlertRecord[],
  current: (id: string) => AlertRecord | undefined,
  now: number,
  turnMs: number,
  turns: number,
): { alert: AlertRecord; news: AlertEvent['kind'] | null } | null {
  let best: { alert: AlertRecord; kind: AlertEvent['kind'] } | null = null;
  for (const [id, n] of news) {
    if (now - n.receivedAt > NEWS_MS) continue;
    const alert = current(id);
    if (!alert || alert.phase !== 'firing') continue;
    if (!best || worstFirst(alert, best.alert) < 0) best = { alert, kind: n.kind };
  }
  if (best) return { alert: best.alert, news: best.kind };
  const top = open.slice(0, turns);
  return top.length ? { alert: top[Math.floor(now / turnMs) % top.length]!, news: null } : null;
}
