import type { RedisClient } from '../platform/redis';
import type { PullFailureCode, PullStatus, RecordRejection } from '../core/contract/connectors';
import type { ConnectorDefinition } from '../core/connectors/definition';
import { CallerError } from '../core/errors/who-acts';
import type { Keys } from './keys';
import { deleteSource, getSource, saveTokenlessSource, type SourceRecord } from './sources.repo';

/** A saved connector: its definition (credentials included: they never leave the server) and when it was saved. */
export interface ConnectorRecord {
  definition: ConnectorDefinition;
  createdAt: number;
  updatedAt: number;
}

/** The connector's id is taken by a source of another kind: the caller picks another (409 `conflict`). */
export class ConnectorConflictError extends CallerError {
  override readonly name = 'ConnectorConflictError';
  constructor(message: string) {
    super(409, 'conflict', message);
  }
}

/** The source a connector owns: its scope, tokenless (it is pulled, not pushed). */
export function sourceOfConnector(def: ConnectorDefinition, createdAt: number): SourceRecord {
  return { id: def.id, name: def.name, units: def.scope.units, indicators: def.scope.indicators, createdAt, kind: 'connector' };
}

/** Creates or replaces a connector and its source. A source of another kind with the same id is a conflict. */
export async function saveConnector(redis: RedisClient, keys: Keys, def: ConnectorDefinition, nowMs = Date.now()): Promise<ConnectorRecord> {
  const existing = await getSource(redis, keys, def.id);
  if (existing && existing.kind !== 'connector') {
    throw new ConnectorConflictError(`the id '${def.id}' is taken by a ${existing.kind ?? 'pushing'} source`);
  }
  const previous = await getConnector(redis, keys, def.id);
  const record: ConnectorRecord = { definition: def, createdAt: previous?.createdAt ?? nowMs, updatedAt: nowMs };
  await saveTokenlessSource(redis, keys, sourceOfConnector(def, record.createdAt));
  await redis.hset(keys.connectors(), def.id, JSON.stringify(record));
  return record;
}

export async function getConnector(redis: RedisClient, keys: Keys, id: string): Promise<ConnectorRecord | undefined> {
  const raw = await redis.hget(keys.connectors(), id);
  return raw ? (JSON.parse(raw) as ConnectorRecord) : undefined;
}

export async function listConnectors(redis: RedisClient, keys: Keys): Promise<ConnectorRecord[]> {
  const all = await redis.hvals(keys.connectors());
  return all.map((json) => JSON.parse(json) as ConnectorRecord).sort((a, b) => a.definition.id.localeCompare(b.definition.id));
}

/** Removes a connector, its source and its pull status; the figures it brought stay, as any figure does. */
export async function removeConnector(redis: RedisClient, keys: Keys, id: string): Promise<boolean> {
  const removed = await redis.hdel(keys.connectors(), id);
  if (!removed) return false;
  await deleteSource(redis, keys, id);
  await redis.del(keys.pullStatus(id));
  return true;
}

export interface PullReport {
  outcome: 'ok' | 'unchanged' | 'failed';
  httpStatus: number | null;
  recordsRead: number;
  accepted: number;
  rejected: number;
  firstRejections: readonly RecordRejection[];
  failure: { code: PullFailureCode; reason: string } | null;
  durationMs: number;
  batchId: string | null;
}

/** Records the end of one pull (every try, successful or not). */
export async function recordPull(redis: RedisClient, keys: Keys, id: string, report: PullReport, nowMs = Date.now()): Promise<void> {
  const key = keys.pullStatus(id);
  const multi = redis.multi().hset(key, {
    lastPullAt: nowMs,
    lastOutcome: report.outcome,
    httpStatus: report.httpStatus ?? '',
    recordsRead: report.recordsRead,
    accepted: report.accepted,
    rejected: report.rejected,
    firstRejections: JSON.stringify(report.firstRejections.slice(0, 5)),
    failureCode: report.failure?.code ?? '',
    failureReason: report.failure?.reason ?? '',
    durationMs: report.durationMs,
  });
  if (report.batchId) multi.hset(key, 'lastBatchId', report.batchId);
  await multi.exec();
}

export async function readPullStatus(redis: RedisClient, keys: Keys, id: string, nextRunAt: number | null): Promise<PullStatus> {
  const h = await redis.hgetall(keys.pullStatus(id));
  const num = (x: string | undefined): number => (x ? Number(x) : 0);
  return {
    lastPullAt: h.lastPullAt ? Number(h.lastPullAt) : null,
    lastOutcome: (h.lastOutcome as PullStatus['lastOutcome']) || null,
    httpStatus: h.httpStatus ? Number(h.httpStatus) : null,
    recordsRead: num(h.recordsRead),
    accepted: num(h.accepted),
    rejected: num(h.rejected),
    firstRejections: h.firstRejections ? (JSON.parse(h.firstRejections) as RecordRejection[]) : [],
    failure: h.failureCode ? { code: h.failureCode as PullFailureCode, reason: h.failureReason ?? '' } : null,
    durationMs: h.durationMs ? Number(h.durationMs) : null,
    nextRunAt,
    lastBatchId: h.lastBatchId ?? null,
  };
}
