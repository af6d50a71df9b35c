import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { linkState, type LinkState } from '../../core/federation/link-state';
import { listLinks, readLinkFacts, recordLinkReport } from '../../store/links.repo';
import { guard } from '../auth/guard';
import type { ServerContext } from '../context';
import { HttpError } from '../http-errors';
import { bearerSource } from './bearer-source';

/** What the lower side says of its outbox, with a batch (`link`) or alone (a heartbeat). */
const outboxReport = z.object({
  backlog: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  oldestUnsentAt: z.number().int().min(0).max(8.64e15).nullable(),
  overflow: z.boolean(),
});

/** Records the outbox report a link's batch carries, if it carries a well-formed one (a batch without one is fine). */
export async function recordReportOf(ctx: ServerContext, linkId: string, body: unknown): Promise<void> {
  const r = outboxReport.safeParse((body as { link?: unknown } | null)?.link);
  if (r.success) await recordLinkReport(ctx.redis, ctx.keys, linkId, r.data);
}

async function bearerLink(ctx: ServerContext, req: Request) {
  const source = await bearerSource(req, ctx.redis, ctx.keys);
  if (source.kind !== 'link') throw new HttpError(403, 'forbidden', `source '${source.id}' is a feed, not a federation link`);
  return source;
}

export interface LinkRow {
  id: string;
  name: string;
  scope: string;
  state: LinkState;
  lastSeenAt: number | null;
  backlog: number;
  oldestUnsentAt: number | null;
  accepted: number;
  rejected: number;
  lastError: string | null;
}

/**
 * Federation links on the upper instance (docs/federation.md): the lower side asks which scope its token has
 * (GET /api/v1/link) and reports its outbox (POST /api/v1/link/status), both with the link token; admins list the
 * downstream links within their scope (GET /api/v1/links).
 */
export function linksRouter(ctx: ServerContext): Router {
  const router = Router();
  router.get('/api/v1/link', guard(ctx, 'public'), async (req, res) => {
    const link = await bearerLink(ctx, req);
    res.json({ id: link.id, name: link.name, scope: link.units[0], instance: ctx.instance });
  });
  router.post('/api/v1/link/status', express.json({ limit: '16kb' }), guard(ctx, 'public'), async (req, res) => {
    const link = await bearerLink(ctx, req);
    const r = outboxReport.safeParse(req.body);
    if (!r.success) throw new HttpError(400, 'bad_request', 'send { backlog, oldestUnsentAt, overflow }', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    await recordLinkReport(ctx.redis, ctx.keys, link.id, r.data);
    res.json({ ok: true });
  });
  router.get('/api/v1/links', guard(ctx, 'admin'), async (req, res) => {
    const p = req.principal;
    const within = (code: string) => p.kind === 'user' && ctx.domain.registry.isWithin(code, p.scope);
    const now = Date.now();
    const rows: LinkRow[] = [];
    for (const link of await listLinks(ctx.redis, ctx.keys)) {
      const scope = link.units[0] ?? '';
      if (!within(scope)) continue;
      const [facts, counts] = await Promise.all([readLinkFacts(ctx.redis, ctx.keys, link.id), ctx.redis.hmget(ctx.keys.feed(link.id), 'accepted', 'rejected')]);
      const state: LinkState = link.revokedAt ? 'refused' : linkState(facts, now, { downAfterMs: ctx.config.LINK_DOWN_MS, lagAfterMs: ctx.config.LINK_DOWN_MS });
      rows.push({
        id: link.id,
        name: link.name,
        scope,
        state,
        lastSeenAt: facts.lastSeenAt,
        backlog: facts.backlog,
        oldestUnsentAt: facts.oldestUnsentAt,
        accepted: Number(counts[0] ?? 0),
        rejected: Number(counts[1] ?? 0),
        lastError: facts.lastError,
      });
    }
    res.json({ serverTime: now, links: rows });
  });
  return router;
}
