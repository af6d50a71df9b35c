import { randomBytes, randomUUID } from 'node:crypto';
import type { RedisClient } from '../platform/redis';
import type { ReportRecord, ReportSchedule } from '../core/contract/reports';
import type { Keys } from './keys';
import { hashToken } from './sources.repo';

/**
 * Reports kept for download (docs/reports.md): each record and its PDF are strings with the same TTL (REPORT_KEEP_DAYS),
 * so Redis drops them by itself; an index by creation time lists them and is pruned of expired ids on every write.
 * A PDF over the size cap is refused before it is stored (the caller fails the report), so Redis keeps its budget.
 */
export interface ReportStore {
  redis: RedisClient;
  keys: Keys;
  keepMs: number;
}

export type NewReport = Pick<ReportRecord, 'kind' | 'scope' | 'indicator' | 'requestedBy' | 'schedule' | 'maxAttempts'> & { id?: string };

export async function createReport(s: ReportStore, input: NewReport, nowMs = Date.now()): Promise<ReportRecord> {
  const { id, ...rest } = input;
  const report: ReportRecord = {
    ...rest,
    id: id ?? randomUUID(),
    state: 'queued',
    attempts: 0,
    error: null,
    createdAt: nowMs,
    finishedAt: null,
    bytes: null,
    expiresAt: nowMs + s.keepMs,
  };
  await s.redis
    .multi()
    .set(s.keys.report(report.id), JSON.stringify(report), 'PX', s.keepMs)
    .zadd(s.keys.reportIndex(), nowMs, report.id)
    .zremrangebyscore(s.keys.reportIndex(), '-inf', nowMs - s.keepMs)
    .exec();
  return report;
}

export async function getReport(s: Pick<ReportStore, 'redis' | 'keys'>, id: string): Promise<ReportRecord | undefined> {
  const raw = await s.redis.get(s.keys.report(id));
  return raw ? (JSON.parse(raw) as ReportRecord) : undefined;
}

/** Updates a report in place, keeping its expiry. Undefined when it is gone (expired). */
export async function updateReport(s: Pick<ReportStore, 'redis' | 'keys'>, id: string, change: Partial<ReportRecord>): Promise<ReportRecord | undefined> {
  const current = await getReport(s, id);
  if (!current) return undefined;
  const next = { ...current, ...change };
  await s.redis.set(s.keys.report(id), JSON.stringify(next), 'KEEPTTL');
  return next;
}

/** Stores the PDF with the report's remaining lifetime and marks the report done, in one step. */
export async function storeReportPdf(s: Pick<ReportStore, 'redis' | 'keys'>, id: string, pdf: Buffer, nowMs = Date.now()): Promise<ReportRecord | undefined> {
  const current = await getReport(s, id);
  if (!current) return undefined;
  const ttl = Math.max(1000, current.expiresAt - nowMs);
  const next: ReportRecord = { ...current, state: 'done', error: null, finishedAt: nowMs, bytes: pdf.length };
  await s.redis.multi().set(s.keys.reportPdf(id), pdf, 'PX', ttl).set(s.keys.report(id), JSON.stringify(next), 'KEEPTTL').exec();
  return next;
}

export async function readReportPdf(s: Pick<ReportStore, 'redis' | 'keys'>, id: string): Promise<Buffer | undefined> {
  return (await s.redis.getBuffer(s.keys.reportPdf(id))) ?? undefined;
}

/** Newest first, those `keep` accepts, at most `limit`; ids whose record expired are pruned from the index. */
export async function listReports(s: ReportStore, keep: (r: ReportRecord) => boolean, limit = 200, nowMs = Date.now()): Promise<ReportRecord[]> {
  await s.redis.zremrangebyscore(s.keys.reportIndex(), '-inf', nowMs - s.keepMs);
  const ids = await s.redis.zrevrange(s.keys.reportIndex(), 0, 999);
  if (ids.length === 0) return [];
  const raws = await s.redis.mget(ids.map((id) => s.keys.report(id)));
  const out: ReportRecord[] = [];
  const gone: string[] = [];
  raws.forEach((raw, i) => {
    if (!raw) gone.push(ids[i]!);
    else {
      const r = JSON.parse(raw) as ReportRecord;
      if (keep(r) && out.length < limit) out.push(r);
    }
  });
  if (gone.length) await s.redis.zrem(s.keys.reportIndex(), ...gone);
  return out;
}

/** The print page's credential: read-only, bound to the report's scope, gone after `ttlMs`. */
export interface RenderGrant {
  report: string;
  scope: string;
}

export const RENDER_TOKEN_PREFIX = 'ioc_render_';

export async function createRenderToken(s: Pick<ReportStore, 'redis' | 'keys'>, grant: RenderGrant, ttlMs: number): Promise<string> {
  const token = `${RENDER_TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
  await s.redis.set(s.keys.renderToken(hashToken(token)), JSON.stringify(grant), 'PX', ttlMs);
  return token;
}

export async function renderGrantFor(s: Pick<ReportStore, 'redis' | 'keys'>, token: string): Promise<RenderGrant | undefined> {
  if (!token.startsWith(RENDER_TOKEN_PREFIX)) return undefined;
  const raw = await s.redis.get(s.keys.renderToken(hashToken(token)));
  return raw ? (JSON.parse(raw) as RenderGrant) : undefined;
}

export async function dropRenderToken(s: Pick<ReportStore, 'redis' | 'keys'>, token: string): Promise<void> {
  await s.redis.del(s.keys.renderToken(hashToken(token)));
}

export async function listReportSchedules(s: Pick<ReportStore, 'redis' | 'keys'>): Promise<ReportSchedule[]> {
  return Object.values(await s.redis.hgetall(s.keys.reportSchedules())).map((j) => JSON.parse(j) as ReportSchedule);
}

export async function getReportSchedule(s: Pick<ReportStore, 'redis' | 'keys'>, id: string): Promise<ReportSchedule | undefined> {
  const raw = await s.redis.hget(s.keys.reportSchedules(), id);
  return raw ? (JSON.parse(raw) as ReportSchedule) : undefined;
}

export async function saveReportSchedule(s: Pick<ReportStore, 'redis' | 'keys'>, schedule: ReportSchedule): Promise<void> {
  const { nextAt: _computed, ...stored } = schedule;
  await s.redis.hset(s.keys.reportSchedules(), schedule.id, JSON.stringify(stored));
}

export async function deleteReportSchedule(s: Pick<ReportStore, 'redis' | 'keys'>, id: string): Promise<void> {
  await s.redis.hdel(s.keys.reportSchedules(), id);
}
