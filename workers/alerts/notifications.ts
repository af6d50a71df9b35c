import { defaultRule } from '../../core/alerts/rule';
import type { AlertEvent } from '../../core/alerts/alert';
import { alertNotification, isNotified } from '../../core/delivery/alert-notification';
import type { Domain } from '../../platform/domain';
import { queueDelivery, type NotifyQueue } from '../../platform/queues';
import type { RedisClient } from '../../platform/redis';
import { getRule } from '../../store/alerts.repo';
import { listContactPoints } from '../../store/contact-points.repo';
import type { Keys } from '../../store/keys';

export interface NotifyContext {
  redis: RedisClient;
  keys: Keys;
  domain: Pick<Domain, 'registry' | 'indicator'>;
  queue: NotifyQueue;
  /** Where people open the dashboard (PUBLIC_URL): the alert's link. */
  publicUrl: string;
}

/** Queues one delivery per contact point whose scope covers the alert's unit, unless the alert is silenced. */
export async function enqueueNotifications(ctx: NotifyContext, event: AlertEvent): Promise<number> {
  if (!isNotified(event)) return 0;
  const { alert } = event;
  const points = (await listContactPoints(ctx.redis, ctx.keys)).filter((cp) => ctx.domain.registry.isWithin(alert.unit, cp.scope));
  if (points.length === 0) return 0;
  const indicator = ctx.domain.indicator(alert.indicator);
  const rule = (await getRule(ctx.redis, ctx.keys, alert.indicator, alert.ruleScope)) ?? (alert.ruleScope === 'VN' && indicator ? defaultRule(indicator) : undefined);
  const body = alertNotification(event, { unit: ctx.domain.registry.get(alert.unit), indicator, rule, publicUrl: ctx.publicUrl });
  for (const cp of points) await queueDelivery(ctx.queue, { contactPoint: cp.id, body }, `${alert.id}-${event.kind}-${event.at}-${cp.id}`);
  return points.length;
}
