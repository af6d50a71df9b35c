import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { RecordRejection } from '../../../core/contract/connectors';
import type { ConnectorDefinition } from '../../../core/connectors/definition';
import { mapRecords, MappingMismatch } from '../../../core/connectors/map-records';
import { UnrecoverableError } from '../../../platform/queues';
import { getConnector, recordPull, sourceOfConnector, type PullReport } from '../../../store/connectors.repo';
import { recordFeedBatch, recordFeedFailure } from '../../../store/feeds.repo';
import { submitBatch, type IntakeContext } from '../../../store/submit-batch';
import { collectDvcqg } from './dvcqg.pull';
import { PullError, type MappedPull } from './pull-error';
import { recordsOf } from './records-of';
import { fetchRemote, type RemoteFetch } from './remote';

/**
 * One run of a connector (a BullMQ job of the pull queue): fetch, read the records, map them, and submit them as one
 * batch through the same path as a push (store/submit-batch.ts). A pull is applied whole or not at all unless the
 * connector accepts partial pulls; a failing pull writes nothing and leaves its reason on the feed board.
 */
export interface PullContext extends IntakeContext {
  log: Logger;
  fetch?: RemoteFetch;
  now?: () => number;
}

export type PullOutcome = 'ok' | 'unchanged' | 'failed' | 'busy' | 'gone';

/** The most a pull may hold its connector's lock: past it (a process killed mid-pull), the next run goes ahead. */
const LOCK_MS = 10 * 60_000;

async function collect(def: ConnectorDefinition, ctx: PullContext, nowMs: number): Promise<{ mapped: MappedPull; httpStatus: number | null }> {
  const fetch = ctx.fetch ?? fetchRemote;
  if (def.adapter === 'dvcqg-766') {
    const mapped = await collectDvcqg(def, { fetch, units: ctx.domain.units, indicator: ctx.domain.indicator, nowMs });
    return { mapped, httpStatus: 200 };
  }
  const { url, method, body, headers, timeoutMs } = def.request;
  const answer = await fetch({ url, method, body, headers, timeoutMs, auth: def.auth });
  const records = await recordsOf(answer, def.format);
  try {
    return { mapped: mapRecords(records, def.mapping, { units: ctx.domain.units, indicator: ctx.domain.indicator, nowMs }), httpStatus: answer.status };
  } catch (err) {
    if (err instanceof MappingMismatch) throw new PullError('mapping_mismatch', err.message, false, answer.status, [], records.length);
    throw err;
  }
}

/**
 * The batch id of a pull, from its content: the same figures pulled again are the same batch (a duplicate that
 * changes nothing). The time of the pull is left out where it is only the time of the pull.
 */
export function pullBatchId(def: ConnectorDefinition, items: readonly Record<string, unknown>[]): string {
  const byPull = def.adapter === 'dvcqg-766' || def.mapping.observedAt === 'pull';
  const content = items.map((item) => {
    if (!byPull) return item;
    const { observedAt: _omit, ...rest } = item;
    return rest;
  });
  return `pull-${createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32)}`;
}

function firstReason(rejections: readonly RecordRejection[], total: number): string {
  const r = rejections[0];
  const where = r ? (r.row !== undefined ? `row ${r.row}` : `record ${r.record + 1}`) : '';
  return `${rejections.length} of ${total} records refused, so nothing was written${r ? ` (first: ${where}: ${r.reason})` : ''}`;
}

export async function runPull(ctx: PullContext, id: string, attempt = 0, maxAttempts = 1): Promise<PullOutcome> {
  const now = ctx.now ?? Date.now;
  const record = await getConnector(ctx.redis, ctx.keys, id);
  if (!record) return 'gone';
  const def = record.definition;
  const lock = ctx.keys.pullLock(id);
  const token = `${process.pid}-${now()}-${Math.random()}`;
  if ((await ctx.redis.set(lock, token, 'PX', LOCK_MS, 'NX')) !== 'OK') {
    ctx.log.info({ connector: id }, 'a pull of this connector is still running: this run is skipped');
    return 'busy';
  }
  const started = now();
  let report: PullReport = { outcome: 'failed', httpStatus: null, recordsRead: 0, accepted: 0, rejected: 0, firstRejections: [], failure: null, durationMs: 0, batchId: null };
  try {
    const { mapped, httpStatus } = await collect(def, ctx, started);
    report = { ...report, httpStatus, recordsRead: mapped.recordsRead };
    if (mapped.rejections.length > 0 && !def.acceptPartial) {
      throw new PullError('refused_records', firstReason(mapped.rejections, mapped.recordsRead), false, httpStatus, mapped.rejections, mapped.recordsRead);
    }
    const batchId = pullBatchId(def, mapped.items);
    const source = sourceOfConnector(def, record.createdAt);
    const receipt = await submitBatch(ctx, source, batchId, mapped.items, { allOrNothing: !def.acceptPartial, nowMs: started });
    const itemRejections: RecordRejection[] = receipt.rejected.map((r) => ({
      record: mapped.itemRecord[r.index] ?? r.index,
      ...(mapped.itemRow?.[r.index] !== undefined ? { row: mapped.itemRow[r.index] } : {}),
      code: r.code,
      reason: `${String(mapped.items[r.index]?.indicator ?? '')} ${String(mapped.items[r.index]?.unit ?? '')}: ${r.reason}`.trim(),
    }));
    const rejections = [...mapped.rejections, ...itemRejections].sort((a, b) => a.record - b.record);
    if (receipt.status === 'refused') {
      throw new PullError('refused_records', firstReason(rejections, mapped.recordsRead), false, httpStatus, rejections, mapped.recordsRead);
    }
    if (receipt.status === 'duplicate') {
      // the same content as a pull already applied: nothing changes, but the feed did answer
      await recordFeedBatch(ctx.redis, ctx.keys, id, { batchId, accepted: 0, rejected: 0 }, started);
    }
    report = {
      ...report,
      outcome: receipt.status === 'duplicate' ? 'unchanged' : 'ok',
      accepted: receipt.status === 'duplicate' ? 0 : receipt.accepted,
      rejected: rejections.length,
      firstRejections: rejections.slice(0, 5),
      batchId,
    };
    return report.outcome;
  } catch (err) {
    const e = err instanceof PullError ? err : new PullError('network', (err as Error).message, true);
    const retrying = e.retry && attempt + 1 < maxAttempts;
    const reason = retrying ? `${e.message} (try ${attempt + 1} of ${maxAttempts}; trying again)` : e.message;
    report = {
      ...report,
      outcome: 'failed',
      httpStatus: e.httpStatus ?? report.httpStatus,
      recordsRead: e.recordsRead || report.recordsRead,
      rejected: e.rejections.length,
      firstRejections: e.rejections.slice(0, 5),
      failure: { code: e.code, reason },
    };
    await recordFeedFailure(ctx.redis, ctx.keys, id, { batchId: `pull-${started}`, reason: `pull failed (${e.code}): ${reason}` }, now());
    ctx.log.warn({ connector: id, code: e.code, attempt: attempt + 1, of: maxAttempts }, `pull failed: ${e.message}`);
    if (retrying) throw new Error(reason);
    throw new UnrecoverableError(reason);
  } finally {
    report.durationMs = now() - started;
    await recordPull(ctx.redis, ctx.keys, id, report, now());
    // release only our own lock (a pull that outlived LOCK_MS may have lost it to the next run)
    if ((await ctx.redis.get(lock)) === token) await ctx.redis.del(lock);
  }
}
