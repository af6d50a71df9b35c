import type { AlertRecord } from '../core/alerts/alert';
import type { RedisClient } from '../platform/redis';
import { ALERT_INDEX_VERSION, indexAlert, removeAlerts } from './alert-index';
import type { Keys } from './keys';
import { pruneSilences } from './silences.repo';

const BATCH = 500;

/**
 * Builds the alert indexes (store/alert-index.ts) from the alerts hash of an installation that has none yet (written
 * before they existed). Safe to kill and run again: every step is idempotent, and the version is set last.
 */
export async function ensureAlertIndex(redis: RedisClient, keys: Keys): Promise<number> {
  if ((await redis.get(keys.alertIndexVersion())) === ALERT_INDEX_VERSION) return 0;
  let cursor = '0';
  let indexed = 0;
  do {
    const [next, flat] = await redis.hscan(keys.alerts(), cursor, 'COUNT', BATCH);
    cursor = next;
    const multi = redis.multi();
    for (let i = 1; i < flat.length; i += 2) indexAlert(multi, keys, JSON.parse(flat[i]!) as AlertRecord);
    indexed += flat.length / 2;
    await multi.exec();
  } while (cursor !== '0');
  await redis.set(keys.alertIndexVersion(), ALERT_INDEX_VERSION);
  return indexed;
}

export interface Pruned {
  alerts: number;
  history: number;
  silences: number;
}

/**
 * Deletes what closed before `before` (epoch ms): closed alerts (resolved before it) with their index entries, in
 * atomic batches; history entries written before it; silences that ended before it. Open alerts are kept, however
 * old. Safe to kill at any point: each batch commits whole, and the next run goes on from what is left.
 */
export async function pruneAlertsBefore(redis: RedisClient, keys: Keys, before: number, stop: () => boolean = () => false): Promise<Pruned> {
  let alerts = 0;
  while (!stop()) {
    const members = await redis.zrangebyscore(keys.alertsClosedAt(), '-inf', `(${before}`, 'LIMIT', 0, BATCH);
    if (members.length === 0) break;
    await removeAlerts(redis.multi(), keys, members).exec();
    alerts += members.length;
  }
  const history = await redis.xtrim(keys.alertHistory(), 'MINID', String(Math.max(0, Math.trunc(before))));
  const silences = await pruneSilences(redis, keys, before);
  return { alerts, history, silences };
}

/** The lease the alert pruner holds (workers/leader.ts). */
export const alertPrunerLease = (keys: Keys): string => keys.alertPrunerLeader();
