import type { Request, Response } from 'express';
import { z } from 'zod';
import {
  checkWindow,
  isSimulatedSource,
  rangeWindow,
  SERIES_RANGES,
  type SeriesAnswer,
  type SeriesRange,
  type SeriesSource,
} from '../../core/contract/series';
import type { UnitRegistry } from '../../core/units/registry';
import { readSeries } from '../../store/metrics.repo';
import { listSources, type SourceRecord } from '../../store/sources.repo';
import type { ServerContext } from '../context';
import { HttpError } from '../http-errors';

const instant = z.string().min(1).max(40);
const seriesQuery = z.object({
  indicator: z.string().min(1).max(64),
  unit: z.string().min(1).max(16),
  range: z.enum(Object.keys(SERIES_RANGES) as [SeriesRange, ...SeriesRange[]]).optional(),
  from: instant.optional(),
  to: instant.optional(),
});

/** At most this many feeding sources are named in an answer (those covering the unit first, then those within it). */
const MAX_SOURCES = 50;

const badRange = (message: string) => new HttpError(400, 'bad_range', message);

/**
 * The sources that feed a unit's figures: those whose scope covers the unit (its own, a ministry's or the nation's
 * feed) and those that report within it (its communes' feeds, for a province's rollup). Uploads are one-offs and
 * count too: their figures are in the history.
 */
export function feedingSources(registry: UnitRegistry, sources: readonly SourceRecord[], unit: string): SeriesSource[] {
  const covers = (s: SourceRecord) => s.units.some((u) => registry.isWithin(unit, u));
  return sources
    .filter((s) => s.revokedAt === undefined || s.kind === 'upload')
    .filter((s) => covers(s) || s.units.some((u) => registry.isWithin(u, unit)))
    .sort((a, b) => Number(covers(b)) - Number(covers(a)) || a.name.localeCompare(b.name, 'vi'))
    .map((s) => ({ id: s.id, name: s.name, simulated: isSimulatedSource(s.id) }));
}

/**
 * GET /api/v1/series?indicator=&unit=&range=24h|7d|30d|1y, or …&from=&to= (epoch ms, an ISO date-time, or a Vietnam
 * date: a whole day). A bad window is a 400 `bad_range` that says why, never a 5xx.
 */
export function seriesHandler(ctx: ServerContext) {
  const read = { redis: ctx.redis, keys: ctx.keys, registry: ctx.domain.registry };
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = seriesQuery.safeParse(req.query);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      const onWindow = parsed.error.issues.some((i) => ['range', 'from', 'to'].includes(String(i.path[0])));
      throw new HttpError(400, onWindow ? 'bad_range' : 'bad_request', 'invalid query', issues);
    }
    const q = parsed.data;
    if (!ctx.domain.registry.has(q.unit)) throw new HttpError(404, 'not_found', `unknown unit '${q.unit}'`);
    const ind = ctx.domain.indicator(q.indicator);
    if (!ind) throw new HttpError(404, 'not_found', `unknown indicator '${q.indicator}'`);
    const now = Date.now();
    if (q.range !== undefined && (q.from !== undefined || q.to !== undefined)) throw badRange('give range or from/to, not both');
    if (q.from === undefined && q.to !== undefined) throw badRange('to without from');
    let window: { from: number; to: number };
    if (q.from !== undefined) {
      const w = checkWindow(q.from, q.to, now);
      if ('error' in w) throw badRange(w.error);
      window = w;
    } else window = rangeWindow(q.range ?? '24h', now);
    const [series, sources] = await Promise.all([readSeries(read, ind, q.unit, window, now), listSources(ctx.redis, ctx.keys)]);
    const feeding = feedingSources(ctx.domain.registry, sources, q.unit);
    const answer: SeriesAnswer = {
      indicator: ind.id,
      unit: q.unit,
      ...(q.from === undefined ? { range: q.range ?? '24h' } : {}),
      ...window,
      ...series,
      simulated: feeding.some((s) => s.simulated),
      sources: feeding.slice(0, MAX_SOURCES),
    };
    res.json(answer);
  };
}
