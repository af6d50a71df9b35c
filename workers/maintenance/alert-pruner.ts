import type { Logger } from 'pino';
import type { RedisClient } from '../../platform/redis';
import { alertPrunerLease, ensureAlertIndex, pruneAlertsBefore } from '../../store/alert-retention.repo';
import type { Keys } from '../../store/keys';
import { aborted, Leadership } from '../leader';

const PRUNER_TTL_MS = 30_000;
const PRUNER_RETRY_MS = 10_000;

export interface AlertPrunerOptions {
  redis: RedisClient;
  keys: Keys;
  /** ALERT_KEEP_DAYS. */
  keepDays: number;
  /** How often the leader prunes (PRUNE_EVERY_MS). */
  everyMs?: number;
  log: Logger;
  now?: () => number;
}

/**
 * Keeps the alerts bounded by time, in one worker process of all those on one Redis (a lease): builds the alert
 * indexes of an older install once, then deletes closed alerts, history and silences past ALERT_KEEP_DAYS at once
 * when it leads and every `everyMs`. Killed at any point, it leaves whole batches and the next leader goes on.
 */
export function alertPrunerRole(o: AlertPrunerOptions): Leadership {
  const every = o.everyMs ?? 3600_000;
  const now = o.now ?? Date.now;
  const lease = { redis: o.redis, key: alertPrunerLease(o.keys), ttlMs: PRUNER_TTL_MS, retryMs: PRUNER_RETRY_MS, role: 'alert pruner', log: o.log };
  return new Leadership(lease, async (lost) => {
    const indexed = await ensureAlertIndex(o.redis, o.keys);
    if (indexed > 0) o.log.info({ indexed }, 'alert indexes built');
    while (!lost.aborted) {
      const pruned = await pruneAlertsBefore(o.redis, o.keys, now() - o.keepDays * 86400_000, () => lost.aborted);
      if (pruned.alerts + pruned.history + pruned.silences > 0) o.log.info(pruned, 'closed alerts, history and silences past their keep deleted');
      await Promise.race([aborted(lost), new Promise((r) => setTimeout(r, every).unref())]);
    }
  });
}
