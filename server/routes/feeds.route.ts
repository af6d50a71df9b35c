import { Router } from 'express';
import type { FeedRow, FeedsAnswer } from '../../core/contract/boards';
import type { LinkState } from '../../core/federation/link-state';
import { feedState, type FeedState } from '../../core/feeds/feed-state';
import { STALE_REALTIME_MS } from '../../core/indicators/catalog.define';
import { readFeedStatus } from '../../store/feeds.repo';
import { readUpstreamHealth } from '../../store/outbox.repo';
import { listSources, type SourceRecord } from '../../store/sources.repo';
import { getConnector } from '../../store/connectors.repo';
import { scheduleIntervalMs } from '../../platform/queues';
import { connectorRow } from './connectors.routes';
import { guard } from '../auth/guard';
import type { ServerContext } from '../context';
import { linkRowOf } from './links.routes';

/** The interval a source is expected to send at: the shortest staleness deadline of the indicators it may report. */
export function expectedEveryMs(ctx: ServerContext, source: SourceRecord): number {
  const ids = source.indicators === '*' ? ctx.domain.indicators.map((i) => i.id) : source.indicators;
  const deadlines = ids.map((id) => ctx.domain.indicator(id)?.staleAfterMs).filter((x): x is number => x !== undefined);
  return deadlines.length ? Math.min(...deadlines) : STALE_REALTIME_MS;
}

/**
 * A federation link's place among the feeds (so the board's counts and its worst-first order stay honest): a link
 * that goes through is on time unless its last batch was mostly refused; lagging is late, down is stale (its figures
 * go stale above), a refused token is failing.
 */
const FEED_STATE_OF_LINK: Readonly<Record<Exclude<LinkState, 'connected'>, FeedState>> = { lagging: 'late', down: 'stale', refused: 'failing', never: 'never' };
const feedStateOfLink = (link: LinkState, asFeed: FeedState): FeedState =>
  link === 'connected' ? (asFeed === 'failing' ? 'failing' : 'ok') : FEED_STATE_OF_LINK[link];

/** This instance's own link to the IOC above (UPSTREAM_URL), as a row of its board. */
async function upstreamRow(ctx: ServerContext, url: string, nowMs: number): Promise<FeedRow> {
  const up = await readUpstreamHealth(ctx.redis, ctx.keys, url, ctx.config.LINK_DOWN_MS, nowMs);
  return {
    source: 'upstream',
    name: new URL(url).host,
    units: [],
    indicators: '*',
    lastSeenAt: up.lastSentAt,
    lastBatchId: null,
    accepted: 0,
    rejected: 0,
    lastAccepted: 0,
    lastRejected: 0,
    lastError: up.lastError,
    lastErrorAt: null,
    failedBatches: 0,
    lastFailedAt: null,
    expectedEveryMs: ctx.config.LINK_DOWN_MS,
    deadline: null,
    state: feedStateOfLink(up.state, 'ok'),
    link: { state: up.state, backlog: up.backlog, oldestUnsentAt: up.oldestUnsentAt, upstream: true },
  };
}

/** Every feed within `scope` as the board shows it (also read by /metrics: ioc_feed_state, links, connectors). */
export async function feedRows(ctx: ServerContext, scope: string, now: number): Promise<FeedRow[]> {
  // an upload is a one-off batch with a source of its own (for provenance): it is in the audit log, not a feed
  const sources = (await listSources(ctx.redis, ctx.keys)).filter((s) => s.kind !== 'upload' && s.units.some((u) => ctx.domain.registry.isWithin(u, scope)));
  const feeds: FeedRow[] = await Promise.all(
    sources.map(async (s): Promise<FeedRow> => {
      const status = await readFeedStatus(ctx.redis, ctx.keys, s.id);
      const connector = s.kind === 'connector' ? await getConnector(ctx.redis, ctx.keys, s.id) : undefined;
      // a connector is expected at its schedule (twice its interval: one missed run is late), not at its indicators'
      const every = connector ? 2 * scheduleIntervalMs(connector.definition.schedule, now) : expectedEveryMs(ctx, s);
      const state = feedState({ ...status, expectedEveryMs: every, deadline: s.deadline }, now);
      const row: FeedRow = { ...status, source: s.id, name: s.name, units: s.units, indicators: s.indicators, expectedEveryMs: every, deadline: s.deadline ?? null, state };
      if (connector) {
        const pull = (await connectorRow(ctx, connector)).status;
        return { ...row, pull };
      }
      if (s.kind !== 'link') return row;
      const link = await linkRowOf(ctx, s, now);
      return { ...row, state: feedStateOfLink(link.state, state), link: { state: link.state, backlog: link.backlog, oldestUnsentAt: link.oldestUnsentAt } };
    }),
  );
  if (ctx.config.UPSTREAM_URL) feeds.push(await upstreamRow(ctx, ctx.config.UPSTREAM_URL, now));
  feeds.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return feeds;
}

/**
 * GET /api/v1/feeds: every source with last seen, expected cadence or deadline, its state and last error; a downstream
 * IOC's link with its link state and outbox, and this IOC's own upstream link when it has one.
 */
export function feedsRouter(ctx: ServerContext): Router {
  const router = Router();
  router.get('/api/v1/feeds', guard(ctx, 'read'), async (req, res) => {
    const now = Date.now();
    const scope = req.principal.kind === 'anonymous' ? 'VN' : req.principal.scope;
    const feeds = await feedRows(ctx, scope, now);
    const answer: FeedsAnswer = { serverTime: now, feeds };
    res.json(answer);
  });
  return router;
}
