import type { Logger } from 'pino';
import type { Domain } from '../../platform/domain';
import type { RedisClient } from '../../platform/redis';
import type { Keys } from '../../store/keys';
import { pruneExpiredPeriods } from '../../store/periods.repo';
import { recordHeartbeat } from '../../store/heartbeats.repo';
import { aborted, Leadership } from '../leader';

const PRUNER_TTL_MS = 30_000;
const PRUNER_RETRY_MS = 10_000;

export interface PrunerOptions {
  redis: RedisClient;
  keys: Keys;
  domain: Domain;
  /** PERIOD_KEEP_DAYS. */
  dayKeepDays: number;
  /** How often the leader looks for expired periods (an hour by default: a day's map expires once a day). */
  everyMs?: number;
  log: Logger;
}

/**
 * Deletes the maps of past periods past their keep (store/periods.repo.ts), in one worker process of all those on
 * one Redis (a lease): at once when it leads, then every `everyMs`.
 */
export function periodPrunerRole(o: PrunerOptions): Leadership {
  const every = o.everyMs ?? 3600_000;
  return new Leadership({ redis: o.redis, key: o.keys.prunerLeader(), ttlMs: PRUNER_TTL_MS, retryMs: PRUNER_RETRY_MS, role: 'period pruner', log: o.log }, async (lost) => {
    while (!lost.aborted) {
      await recordHeartbeat(o.redis, o.keys, 'job', 'period-pruner', { at: Date.now(), everyMs: every }).catch(() => undefined);
      let pruned = 0;
      for (const ind of o.domain.indicators) {
        if (lost.aborted) break;
        const periods = await pruneExpiredPeriods({ redis: o.redis, keys: o.keys, registry: o.domain.registry }, ind, Date.now(), o.dayKeepDays);
        pruned += periods.length;
      }
      if (pruned > 0) o.log.info({ pruned }, 'past periods past their keep deleted');
      await Promise.race([aborted(lost), new Promise((r) => setTimeout(r, every).unref())]);
    }
  });
}
