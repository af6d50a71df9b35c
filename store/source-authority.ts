import type { Observation, RejectedItem } from '../core/contract/observation';
import { authorityOver, type IsWithin } from '../core/sources/source-authority';
import type { RedisClient } from '../platform/redis';
import type { Keys } from './keys';
import { getSources, type SourceRecord } from './sources.repo';

/**
 * The ingest side of the authority rule (docs/api.md "Sources"): for a source that yields to others, a check that
 * refuses an item whose (indicator, unit) one of them is the authority for. Undefined (no check, no read) for the
 * usual source that yields to none.
 */
export async function authorityCheck(
  redis: RedisClient,
  keys: Keys,
  isWithin: IsWithin,
  source: SourceRecord,
): Promise<((o: Observation, index: number) => RejectedItem | undefined) | undefined> {
  if (!source.yieldsTo?.length) return undefined;
  const winners = await getSources(redis, keys, source.yieldsTo);
  if (winners.length === 0) return undefined;
  return (o, index) => {
    const winner = authorityOver(o.indicator, o.unit, winners, isWithin);
    return winner === undefined
      ? undefined
      : { index, code: 'not_authority', reason: `source '${winner}' is the authority for '${o.indicator}' in unit '${o.unit}', not '${source.id}'` };
  };
}
