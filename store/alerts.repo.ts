import { randomUUID } from 'node:crypto';
import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from '../platform/redis';
import type { AlertEvent, AlertRecord } from '../core/alerts/alert';
import type { AlertRule } from '../core/alerts/rule';
import type { AlertState } from '../core/alerts/state-machine';
import { appendChange, type ChangeRetention } from './changes.repo';
import type { Keys } from './keys';
import { idOfMember, indexAlert } from './alert-index';

export interface StoredRule extends AlertRule {
  updatedBy: string;
  updatedAt: number;
}

export interface StoredState {
  state: AlertState;
  /** The open alert of this (indicator, unit), while firing. */
  alertId: string | null;
}

const ruleField = (r: Pick<AlertRule, 'indicator' | 'scope'>) => `${r.indicator}|${r.scope}`;

export async function listRules(redis: RedisClient, keys: Keys): Promise<StoredRule[]> {
  return Object.values(await redis.hgetall(keys.alertRules())).map((j) => JSON.parse(j) as StoredRule);
}

export async function getRule(redis: RedisClient, keys: Keys, indicator: string, scope: string): Promise<StoredRule | undefined> {
  const raw = await redis.hget(keys.alertRules(), ruleField({ indicator, scope }));
  return raw ? (JSON.parse(raw) as StoredRule) : undefined;
}

/** Saves a rule and announces it on the change stream, so every evaluator reloads its rules. */
export async function saveRule(redis: RedisClient, keys: Keys, rule: StoredRule, retention: ChangeRetention): Promise<void> {
  await appendChange(
    redis.multi().hset(keys.alertRules(), ruleField(rule), JSON.stringify(rule)),
    keys,
    retention,
    { src: 'rules', rules: ruleField(rule) },
  ).exec();
}

export async function deleteRule(redis: RedisClient, keys: Keys, indicator: string, scope: string, retention: ChangeRetention): Promise<boolean> {
  const field = ruleField({ indicator, scope });
  const [[, n] = [null, 0]] = ((await appendChange(redis.multi().hdel(keys.alertRules(), field), keys, retention, { src: 'rules', rules: field }).exec()) ??
    []) as [unknown, number][];
  return n === 1;
}

export async function readStates(redis: RedisClient, keys: Keys, indicator: string): Promise<Map<string, StoredState>> {
  const all = await redis.hgetall(keys.alertState(indicator));
  return new Map(Object.entries(all).map(([unit, j]) => [unit, JSON.parse(j) as StoredState]));
}

export async function getAlert(redis: RedisClient, keys: Keys, id: string): Promise<AlertRecord | undefined> {
  const raw = await redis.hget(keys.alerts(), id);
  return raw ? (JSON.parse(raw) as AlertRecord) : undefined;
}

export function newAlertId(): string {
  return randomUUID();
}

/**
 * The writes of one alert event into `multi`: the record and its indexes, an entry in the alert history and on the
 * change stream (the relay pushes it as `alert:changed`). The history is kept by time (ALERT_KEEP_DAYS,
 * workers/maintenance/alert-pruner.ts), not by length.
 */
function addEvent(multi: ChainableCommander, keys: Keys, event: AlertEvent, retention: ChangeRetention): ChainableCommander {
  const json = JSON.stringify(event);
  indexAlert(multi.hset(keys.alerts(), event.alert.id, JSON.stringify(event.alert)), keys, event.alert).xadd(keys.alertHistory(), '*', 'e', json);
  return appendChange(multi, keys, retention, { src: 'alerts', alert: json });
}

/** One atomic write per change: the (indicator, unit) state, and the event when there is one. */
export async function writeAlertChange(
  redis: RedisClient,
  keys: Keys,
  change: { indicator: string; unit: string; state: StoredState; event?: AlertEvent },
  retention: ChangeRetention,
): Promise<void> {
  const multi = redis.multi().hset(keys.alertState(change.indicator), change.unit, JSON.stringify(change.state));
  if (change.event) addEvent(multi, keys, change.event, retention);
  await multi.exec();
}

/** An operator's action on an alert (acknowledge, assign, silence), or a silence's start or end marking it: one atomic write. */
export async function writeAlertAction(redis: RedisClient, keys: Keys, event: AlertEvent, retention: ChangeRetention): Promise<void> {
  await addEvent(redis.multi(), keys, event, retention).exec();
}

/**
 * The open alerts (a bounded set: one per (indicator, unit) in alert) and how many closed ones are kept: what the
 * metrics count at each scrape, without reading the closed records (kept ALERT_KEEP_DAYS, they can be many).
 */
export async function readAlertCounts(redis: RedisClient, keys: Keys): Promise<{ open: AlertRecord[]; closed: number }> {
  const [members, closed] = await Promise.all([redis.zrange(keys.alertsOpenByFired(), '0', '-1'), redis.zcard(keys.alertsClosedAt())]);
  if (members.length === 0) return { open: [], closed };
  const raw = await redis.hmget(keys.alerts(), ...members.map(idOfMember));
  return { open: raw.filter((j): j is string => j !== null).map((j) => JSON.parse(j) as AlertRecord), closed };
}
