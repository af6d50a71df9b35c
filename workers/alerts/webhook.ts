import type { AlertEvent } from '../../core/alerts/alert';
import type { UnitRegistry } from '../../core/units/registry';
import type { NotifyJob, NotifyQueue } from '../../platform/queues';
import { listContactPoints } from '../../store/contact-points.repo';
import type { Keys } from '../../store/keys';
import type { RedisClient } from '../../platform/redis';

/** Events worth a notification: an alert opened, got worse or closed. Operator actions are not sent. */
const NOTIFIED: ReadonlySet<AlertEvent['kind']> = new Set(['fired', 'escalated', 'resolved']);

/** Queues one delivery per contact point whose scope covers the alert's unit, unless the alert is silenced. */
export async function enqueueNotifications(
  ctx: { redis: RedisClient; keys: Keys; registry: UnitRegistry; queue: NotifyQueue },
  event: AlertEvent,
): Promise<number> {
  if (!NOTIFIED.has(event.kind)) return 0;
  if (event.alert.silencedUntil !== null && event.alert.silencedUntil > event.at) return 0;
  const unit = ctx.registry.get(event.alert.unit);
  const points = (await listContactPoints(ctx.redis, ctx.keys)).filter((cp) => ctx.registry.isWithin(event.alert.unit, cp.scope));
  for (const cp of points) {
    const body = { type: `alert.${event.kind}`, time: new Date(event.at).toISOString(), unitName: unit?.fullName ?? null, ...event };
    await ctx.queue.add('webhook', { contactPoint: cp.id, url: cp.url, body } satisfies NotifyJob, { jobId: `${event.alert.id}-${event.kind}-${event.at}-${cp.id}` });
  }
  return points.length;
}

/** One POST with a timeout; any answer but 2xx throws, so BullMQ retries with exponential backoff. */
export async function deliverWebhook(job: NotifyJob): Promise<number> {
  const res = await fetch(job.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'IOC-Live-webhook/1' },
    body: JSON.stringify(job.body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`webhook ${job.url} answered ${res.status}`);
  return res.status;
}
