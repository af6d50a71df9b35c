import { Router } from 'express';
import { z } from 'zod';
import type { Indicator } from '../../core/indicators/indicator';
import { periodKindOf } from '../../core/time/period';
import { queueCounts } from '../../platform/queues';
import { readUpstreamHealth } from '../../store/outbox.repo';
import { lastChangeId } from '../../store/changes.repo';
import { readView } from '../../store/metrics.repo';
import { guard } from '../auth/guard';
import type { ServerContext } from '../context';
import { badRequest, HttpError } from '../http-errors';
import { seriesHandler } from './series.route';
import { readLiveness } from '../health/liveness.reader';

export const MAX_VIEW_INDICATORS = 20;

const unitsQuery = z.object({
  level: z.enum(['national', 'province', 'commune', 'ministry']).optional(),
  parent: z.string().max(16).optional(),
});
const viewQuery = z.object({
  scope: z.string().min(1).max(16),
  indicators: z.string().min(1).max(2000),
  period: z
    .string()
    .refine((p) => periodKindOf(p) !== undefined && p !== 'live', 'a day, month, quarter or year (2026-11-28, 2026-11, 2026-Q4, 2026)')
    .optional(),
});
function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) throw badRequest('invalid query', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return r.data;
}

const queryString = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

/** Resolves a comma-separated list of indicator ids, naming the first unknown one. */
export function resolveIndicators(ctx: ServerContext, ids: readonly string[]): Indicator[] {
  if (ids.length === 0 || ids.length > MAX_VIEW_INDICATORS) {
    throw badRequest(`a view takes 1 to ${MAX_VIEW_INDICATORS} indicators (got ${ids.length})`);
  }
  return ids.map((id) => {
    const ind = ctx.domain.indicator(id);
    if (!ind) throw new HttpError(404, 'not_found', `unknown indicator '${id}'`);
    return ind;
  });
}

export function requireUnit(ctx: ServerContext, code: string): void {
  if (!ctx.domain.registry.has(code)) throw new HttpError(404, 'not_found', `unknown unit '${code}'`);
}

/** Health, catalog, registry, view snapshots and series (bulk reads go over HTTP, never the socket). */
export function readRouter(ctx: ServerContext): Router {
  const router = Router();
  const read = { redis: ctx.redis, keys: ctx.keys, registry: ctx.domain.registry };

  router.get('/api/v1/health', guard(ctx, 'public'), async (_req, res) => {
    try {
      const { UPSTREAM_URL, LINK_DOWN_MS } = ctx.config;
      const [seq, queue, upstream, liveness] = await Promise.all([
        lastChangeId(ctx.redis, ctx.keys),
        queueCounts(ctx.queue),
        UPSTREAM_URL ? readUpstreamHealth(ctx.redis, ctx.keys, UPSTREAM_URL, LINK_DOWN_MS) : undefined,
        readLiveness(ctx),
      ]);
      // a part that stopped (workers, a lease role, a late schedule) degrades the answer, not its HTTP status: this
      // server still serves, and a load balancer must not take it out for the workers' sake
      const { status, missing, ...parts } = liveness;
      res.json({ status, redis: true, version: ctx.version, seq, queue, ...(upstream ? { upstream } : {}), missing, liveness: { checkedAt: Date.now(), ...parts } });
    } catch {
      res.status(503).json({ status: 'degraded', redis: false, version: ctx.version });
    }
  });

  router.get('/api/v1/indicators', guard(ctx, 'public'), (_req, res) => {
    res.json({ indicators: ctx.domain.indicators });
  });

  router.get('/api/v1/units', guard(ctx, 'public'), (req, res) => {
    const q = parse(unitsQuery, req.query);
    let units = ctx.domain.registry.all(q.level);
    if (q.parent !== undefined) units = units.filter((u) => u.parent === q.parent);
    res.json({ version: ctx.domain.registry.version, units });
  });

  router.get('/api/v1/views', guard(ctx, 'read', (req) => queryString(req.query.scope)), async (req, res) => {
    const q = parse(viewQuery, req.query);
    requireUnit(ctx, q.scope);
    const indicators = resolveIndicators(ctx, q.indicators.split(','));
    res.json(await readView(read, q.scope, indicators, Date.now(), q.period));
  });

  router.get('/api/v1/series', guard(ctx, 'read', (req) => queryString(req.query.unit)), seriesHandler(ctx));

  return router;
}
