import type { Logger } from 'pino';
import type { IngestJob } from '../core/contract/observation';
import { applyBatch, BatchRefusedError, type ApplyContext, type ApplyResult } from '../store/apply-batch';
import { recordFeedFailure } from '../store/feeds.repo';
import { INGEST_ATTEMPTS, UnrecoverableError } from '../platform/queues';
import { observeApply } from './apply-timings';

/**
 * Takes one validated batch off the ingest queue and applies it in one Lua call, whole or not at all. A batch that
 * cannot be applied — it names a unit or indicator this process does not know (a registry or catalog mismatch
 * between processes), or the script refuses it (an item outside the bounds) — fails at once, without retries; any
 * other error is retried by the queue. A batch that fails for good is recorded on its source's feed status (the feed
 * board shows it) and stays in the queue's failed set (counted by /api/v1/health).
 */
export function ingestProcessor(ctx: ApplyContext, log: Logger) {
  return async (job: IngestJob, attemptsMade = 0): Promise<ApplyResult> => {
    try {
      for (const o of job.observations) {
        if (!ctx.indicator(o.indicator) || !ctx.registry.has(o.unit)) {
          throw new BatchRefusedError(`unknown ${o.indicator}/${o.unit} in this worker's catalog or registry`);
        }
      }
      const started = performance.now();
      const result = await applyBatch(ctx, job);
      observeApply((performance.now() - started) / 1000);
      log.debug({ source: job.source, batchId: job.batchId, n: job.observations.length, ...result }, 'batch applied');
      return result;
    } catch (err) {
      const refused = err instanceof BatchRefusedError;
      if (refused || attemptsMade + 1 >= INGEST_ATTEMPTS) {
        const reason = `batch ${job.batchId} could not be applied: ${(err as Error).message}`;
        await recordFeedFailure(ctx.redis, ctx.keys, job.source, { batchId: job.batchId, reason });
        if (refused) throw new UnrecoverableError(reason);
      }
      throw err;
    }
  };
}
