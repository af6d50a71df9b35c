import type { Logger } from 'pino';
import type { IngestJob } from '../core/contract/observation';
import { applyBatch, type ApplyContext, type ApplyResult } from '../store/apply-batch';
import { UnrecoverableError } from '../platform/queues';

/**
 * Takes one validated batch off the ingest queue and applies it in one Lua call. A batch naming a unit or indicator
 * that this process does not know (a registry or catalog mismatch between processes) is not retried.
 */
export function ingestProcessor(ctx: ApplyContext, log: Logger) {
  return async (job: IngestJob): Promise<ApplyResult> => {
    for (const o of job.observations) {
      if (!ctx.indicator(o.indicator) || !ctx.registry.has(o.unit)) {
        throw new UnrecoverableError(`batch ${job.batchId} from ${job.source}: unknown ${o.indicator}/${o.unit}`);
      }
    }
    const result = await applyBatch(ctx, job);
    log.debug({ source: job.source, batchId: job.batchId, n: job.observations.length, ...result }, 'batch applied');
    return result;
  };
}
