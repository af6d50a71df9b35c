import type { RedisClient } from '../platform/redis';
import type { IngestReceipt, Observation, RejectedItem } from '../core/contract/observation';
import { validateObservation, type ValidationContext } from '../core/contract/validate-observation';
import type { Domain } from '../platform/domain';
import { config } from '../platform/config';
import { enqueueBatch, type IngestQueue } from '../platform/queues';
import { olderThanStored } from './apply-batch';
import { recordFeedBatch } from './feeds.repo';
import { authorityCheck } from './source-authority';
import type { Keys } from './keys';
import type { SourceRecord } from './sources.repo';

/**
 * The one way in for every batch, whatever brought it — a push, a federation link, a connector's pull, a staff
 * upload: validate every item against the source's scope, refuse those older than the stored figure (late never
 * beats newer), record the batch on the source's feed status, and queue the accepted items for the apply worker.
 * Nothing of a rejected item is written.
 */
export interface IntakeContext {
  redis: RedisClient;
  keys: Keys;
  domain: Domain;
  queue: IngestQueue;
  /** This installation's id: a forwarded figure that names it is a loop. */
  instance: string;
}

export interface SubmitOptions {
  /** The time the items are checked against (future periods, clock skew). */
  nowMs?: number;
  /** Any rejected item refuses the whole batch: nothing is queued, the receipt says `refused` (a connector's pull). */
  allOrNothing?: boolean;
  /** Check only: nothing is recorded or queued (an upload's preview). */
  dryRun?: boolean;
}

export async function submitBatch(
  ctx: IntakeContext,
  source: SourceRecord,
  batchId: string,
  items: readonly unknown[],
  options: SubmitOptions = {},
): Promise<IngestReceipt> {
  if (!options.dryRun && (await ctx.redis.exists(ctx.keys.batch(source.id, batchId)))) {
    return { batchId, accepted: 0, rejected: [], status: 'duplicate' };
  }
  const vctx: ValidationContext = {
    indicator: ctx.domain.indicator,
    unit: (code) => ctx.domain.registry.get(code),
    isWithin: (code, scope) => ctx.domain.registry.isWithin(code, scope),
    scope: source,
    nowMs: options.nowMs ?? Date.now(),
    dayKeepDays: config().PERIOD_KEEP_DAYS,
    // a federation link forwards the figures of the IOC below it, with their origins
    ...(source.kind === 'link' ? { forwarded: { instance: ctx.instance } } : {}),
  };
  const seen = new Map<string, number>();
  let accepted: Observation[] = [];
  const rejected: RejectedItem[] = [];
  const acceptedIndex: number[] = [];
  const notAuthority = await authorityCheck(ctx.redis, ctx.keys, vctx.isWithin, source);
  items.forEach((item, index) => {
    const v = validateObservation(item, index, vctx, seen);
    const r = 'ok' in v ? (notAuthority?.(v.observation, index) ?? v) : v;
    if ('ok' in r) {
      accepted.push(r.observation);
      acceptedIndex.push(index);
    } else rejected.push(r);
  });
  if (accepted.length > 0) {
    const older = await olderThanStored(ctx.redis, ctx.keys, ctx.domain.registry, accepted);
    if (older.size > 0) {
      for (const i of older) {
        rejected.push({ index: acceptedIndex[i]!, code: 'older_than_stored', reason: 'a figure observed later is already stored for this indicator, unit and period' });
      }
      rejected.sort((a, b) => a.index - b.index);
      accepted = accepted.filter((_, i) => !older.has(i));
    }
  }
  const refused = options.allOrNothing === true && rejected.length > 0;
  const queued = refused ? 0 : accepted.length;
  if (options.dryRun) {
    return { batchId, accepted: queued, rejected, status: refused ? 'refused' : queued ? 'queued' : 'empty' };
  }
  // a refused batch is the caller's failure to record (a connector's pull records it as failing)
  if (refused) return { batchId, accepted: 0, rejected, status: 'refused' };
  await recordFeedBatch(ctx.redis, ctx.keys, source.id, {
    batchId,
    accepted: queued,
    rejected: rejected.length,
    firstError: rejected[0] ? `#${rejected[0].index}: ${rejected[0].reason}` : undefined,
  });
  if (queued > 0) {
    await enqueueBatch(ctx.queue, { source: source.id, batchId, receivedAt: Date.now(), observations: accepted });
  }
  return { batchId, accepted: queued, rejected, status: refused ? 'refused' : queued ? 'queued' : 'empty' };
}
