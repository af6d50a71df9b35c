import type { ChainableCommander } from 'ioredis';
import type { AlertRecord } from '../core/alerts/alert';
import type { Keys } from './keys';

/**
 * The alert indexes (docs/api.md "Paging"): lex-ordered sorted sets whose members are "firedAt|id", firedAt as 15
 * digits, so that their order is (firedAt, id) and never changes for an alert: firedAt and id are fixed when it
 * fires. One of every alert kept, one of the open ones, and the closed ones by resolvedAt for pruning.
 */
export const ALERT_INDEX_VERSION = '1';

export function firedMember(a: Pick<AlertRecord, 'firedAt' | 'id'>): string {
  return `${String(Math.max(0, Math.trunc(a.firedAt))).padStart(15, '0')}|${a.id}`;
}

export function idOfMember(member: string): string {
  return member.slice(member.indexOf('|') + 1);
}

/** Adds the index writes for one alert record being written (idempotent: every write of a record calls it). */
export function indexAlert(multi: ChainableCommander, keys: Keys, a: AlertRecord): ChainableCommander {
  const member = firedMember(a);
  multi.zadd(keys.alertsByFired(), 0, member);
  if (a.phase === 'firing') return multi.zadd(keys.alertsOpenByFired(), 0, member).zrem(keys.alertsClosedAt(), member);
  return multi.zrem(keys.alertsOpenByFired(), member).zadd(keys.alertsClosedAt(), a.resolvedAt ?? a.firedAt, member);
}

/** Removes alert records and their index entries, by their members. */
export function removeAlerts(multi: ChainableCommander, keys: Keys, members: readonly string[]): ChainableCommander {
  if (members.length === 0) return multi;
  return multi
    .hdel(keys.alerts(), ...members.map(idOfMember))
    .zrem(keys.alertsByFired(), ...members)
    .zrem(keys.alertsOpenByFired(), ...members)
    .zrem(keys.alertsClosedAt(), ...members);
}
