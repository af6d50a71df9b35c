import type { AlertEvent, AlertRecord } from '../../../core/alerts/alert';
import { worstFirst } from '../../stores/alerts.merge';

/** How long a new alert (or a new acknowledgement) stays on the wall's ticker before the rotation resumes. */
export const NEWS_MS = 30_000;
const NEWS_KINDS: ReadonlySet<AlertEvent['kind']> = new Set(['fired', 'escalated', 'acknowledged']);

/**
 * What the ticker shows now: the most urgent open alert that fired, got worse or was acknowledged in the last
 * `NEWS_MS` (it stays in sight while it is news), else the worst open alerts in turn, one every `turnMs`.
 */
export function tickerItem(
  recent: readonly { event: AlertEvent; receivedAt: number }[],
  open: readonly AlertRecord[],
  current: (id: string) => AlertRecord | undefined,
  now: number,
  turnMs: number,
  turns: number,
): { alert: AlertRecord; news: AlertEvent['kind'] | null } | null {
  let best: { alert: AlertRecord; kind: AlertEvent['kind'] } | null = null;
  for (const { event, receivedAt } of recent) {
    if (now - receivedAt > NEWS_MS || !NEWS_KINDS.has(event.kind)) continue;
    const alert = current(event.alert.id) ?? event.alert;
    if (alert.phase !== 'firing') continue;
    if (!best || worstFirst(alert, best.alert) < 0) best = { alert, kind: event.kind };
  }
  if (best) return { alert: best.alert, news: best.kind };
  const top = open.slice(0, turns);
  return top.length ? { alert: top[Math.floor(now / turnMs) % top.length]!, news: null } : null;
}
