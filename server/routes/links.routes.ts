import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { LinkList, LinkRow, LinkWithToken, NewLink } from '../../core/contract/links';
import { linkState } from '../../core/federation/link-state';
import { NATION } from '../../core/units/registry';
import { createLink, listLinks, readLinkFacts, recordLinkReport } from '../../store/links.repo';
import { getSource, revokeSource, rotateSourceToken, sourceIdOf, type SourceRecord } from '../../store/sources.repo';
import { audit } from '../auth/audit';
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

/** A new link: its name and the one unit (a province or a commune) the IOC below reports. */
const newLink: z.ZodType<NewLink> = z.object({
  name: z.string().trim().min(1).max(100),
  scope: z.string().min(2).max(16),
});

/** A link's row as GET /api/v1/links and the feed board show it: its state now, its outbox, its counts. */
export async function linkRowOf(ctx: ServerContext, link: SourceRecord, nowMs: number): Promise<LinkRow> {
  const [facts, counts] = await Promise.all([readLinkFacts(ctx.redis, ctx.keys, link.id), ctx.redis.hmget(ctx.keys.feed(link.id), 'accepted', 'rejected')]);
  const thresholds = { downAfterMs: ctx.config.LINK_DOWN_MS, lagAfterMs: ctx.config.LINK_DOWN_MS };
  return {
    id: link.id,
    name: link.name,
    scope: link.units[0] ?? '',
    state: link.revokedAt ? 'refused' : linkState(facts, nowMs, thresholds),
    lastSeenAt: facts.lastSeenAt,
    backlog: facts.backlog,
    oldestUnsentAt: facts.oldestUnsentAt,
    accepted: Number(counts[0] ?? 0),
    rejected: Number(counts[1] ?? 0),
    lastError: facts.lastError,
    ...(link.revokedAt ? { revokedAt: link.revokedAt } : {}),
  };
}

/**
 * Federation links on the upper instance (docs/federation.md): the lower side asks which scope its token has
 * (GET /api/v1/link) and reports its outbox (POST /api/v1/link/status), both with the link token; admins list the
 * downstream links within their scope (GET /api/v1/links), issue one (POST /api/v1/links, its token shown once),
 * rotate or revoke its token — audited, as for sources.
 */
export function linksRouter(ctx: ServerContext): Router {
  const router = Router();
  const within = (req: Request, code: string) => req.principal.kind === 'user' && ctx.domain.registry.isWithin(code, req.principal.scope);
  const inScope = (req: Request, link: SourceRecord) => within(req, link.units[0] ?? NATION);
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
    const now = Date.now();
    const links = (await listLinks(ctx.redis, ctx.keys)).filter((l) => inScope(req, l));
    const answer: LinkList = { serverTime: now, links: await Promise.all(links.map((l) => linkRowOf(ctx, l, now))) };
    res.json(answer);
  });
  router.post('/api/v1/links', express.json({ limit: '16kb' }), guard(ctx, 'admin'), async (req, res) => {
    const r = newLink.safeParse(req.body);
    if (!r.success) throw new HttpError(400, 'bad_request', 'send { name, scope }', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    const { name, scope } = r.data;
    if (!sourceIdOf(name)) throw new HttpError(400, 'bad_request', 'invalid link', ['name: needs a letter or a digit']);
    if (!ctx.domain.registry.has(scope)) throw new HttpError(400, 'bad_request', 'invalid link', [`scope: unknown unit '${scope}'`]);
    if (scope === NATION) throw new HttpError(400, 'bad_request', 'invalid link', ['scope: a link is for one province, commune or ministry, not the nation']);
    if (!within(req, scope)) throw new HttpError(403, 'forbidden', 'a link may only be for a unit within your scope');
    if (await getSource(ctx.redis, ctx.keys, `link-${sourceIdOf(name)}`)) throw new HttpError(409, 'conflict', 'a link with this name exists; rotate its token instead');
    const { link, token } = await createLink(ctx.redis, ctx.keys, { name, scope });
    await audit(ctx, req, 'link.create', link.id, { after: link }, { scope });
    const answer: LinkWithToken = { link: await linkRowOf(ctx, link, Date.now()), token };
    res.status(201).json(answer);
  });
  for (const action of ['rotate', 'revoke'] as const) {
    router.post(`/api/v1/links/:id/${action}`, guard(ctx, 'admin'), async (req, res) => {
      const id = String(req.params.id);
      const before = await getSource(ctx.redis, ctx.keys, id);
      if (!before || before.kind !== 'link') throw new HttpError(404, 'not_found', `no link '${id}'`);
      if (!inScope(req, before)) throw new HttpError(403, 'forbidden', 'this link is for a unit outside your scope');
      const scope = before.units[0] ?? NATION;
      if (action === 'rotate') {
        const { source, token } = (await rotateSourceToken(ctx.redis, ctx.keys, id))!;
        await audit(ctx, req, 'link.rotate', id, undefined, { scope });
        const answer: LinkWithToken = { link: await linkRowOf(ctx, source, Date.now()), token };
        res.json(answer);
      } else {
        const source = (await revokeSource(ctx.redis, ctx.keys, id))!;
        await audit(ctx, req, 'link.revoke', id, { before, after: source }, { scope });
        res.json({ link: await linkRowOf(ctx, source, Date.now()) });
      }
    });
  }
  return router;
}
