import { Router } from 'express';
import type { FeedRow, FeedsAnswer } from '../../core/contract/boards';
import { feedState } from '../../core/feeds/feed-state';
import { STALE_REALTIME_MS } from '../../core/indicators/catalog.define';
import { readFeedStatus } from '../../store/feeds.repo';
import { listSources, type SourceRecord } from '../../store/sources.repo';
import { guard } from '../auth/guard';
import type { ServerContext } from '../context';

/** The interval a source is expected to send at: the shortest staleness deadline of the indicators it may report. */
export function expectedEveryMs(ctx: ServerContext, source: SourceRecord): number {
  const ids = source.indicators === '*' ? ctx.domain.indicators.map((i) => i.id) : source.indicators;
  const deadlines = ids.map((id) => ctx.domain.indicator(id)?.staleAfterMs).filter((x): x is number => x !== undefined);
  return deadlines.length ? Math.min(...deadlines) : STALE_REALTIME_MS;
}

/** GET /api/v1/feeds: every source with last seen, expected cadence or deadline, its state and last error. */
export function feedsRouter(ctx: ServerContext): Router {
  const router = Router();
  router.get('/api/v1/feeds', guard(ctx, 'read'), async (req, res) => {
    const now = Date.now();
    const scope = req.principal.kind === 'anonymous' ? 'VN' : req.principal.scope;
    const sources = (await listSources(ctx.redis, ctx.keys)).filter((s) => s.units.some((u) => ctx.domain.registry.isWithin(u, scope)));
    const feeds: FeedRow[] = await Promise.all(
      sources.map(async (s): Promise<FeedRow> => {
        const status = await readFeedStatus(ctx.redis, ctx.keys, s.id);
        const every = expectedEveryMs(ctx, s);
        return {
          ...status,
          source: s.id,
          name: s.name,
          units: s.units,
          indicators: s.indicators,
          expectedEveryMs: every,
          deadline: s.deadline ?? null,
          state: feedState({ ...status, expectedEveryMs: every, deadline: s.deadline }, now),
        };
      }),
    );
    feeds.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    const answer: FeedsAnswer = { serverTime: now, feeds };
    res.json(answer);
  });
  return router;
}
