import express, { Router } from 'express';
import { z } from 'zod';
import { readFeedStatus } from '../../../store/feeds.repo';
import { createSource, getSource, listSources, revokeSource, rotateSourceToken, sourceIdOf } from '../../../store/sources.repo';
import { audit } from '../../auth/audit';
import { guard } from '../../auth/guard';
import type { ServerContext } from '../../context';
import { HttpError } from '../../http-errors';

const newSource = z.object({
  name: z.string().min(1).max(100),
  units: z.array(z.string().min(2).max(16)).min(1).max(200),
  indicators: z.union([z.literal('*'), z.array(z.string().min(1).max(64)).min(1).max(200)]),
  deadline: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM').optional(),
});

/** Source tokens: create, rotate, revoke, scope to units and indicators; last-used time from the feed status. */
export function sourcesRouter(ctx: ServerContext): Router {
  const router = Router();
  const inScope = (req: express.Request, units: readonly string[]) =>
    req.principal.kind === 'user' && units.every((u) => ctx.domain.registry.isWithin(u, (req.principal as { scope: string }).scope));

  router.get('/api/v1/sources', guard(ctx, 'admin'), async (req, res) => {
    // federation links are sources too, managed under /api/v1/links (Quản trị › Liên kết IOC)
    const sources = (await listSources(ctx.redis, ctx.keys)).filter((s) => s.kind !== 'link' && inScope(req, s.units));
    const withUse = await Promise.all(sources.map(async (s) => ({ ...s, lastUsedAt: (await readFeedStatus(ctx.redis, ctx.keys, s.id)).lastSeenAt })));
    res.json({ sources: withUse });
  });

  router.post('/api/v1/sources', express.json({ limit: '16kb' }), guard(ctx, 'admin'), async (req, res) => {
    const r = newSource.safeParse(req.body);
    if (!r.success) throw new HttpError(400, 'bad_request', 'invalid source', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    const unknownUnit = r.data.units.find((u) => !ctx.domain.registry.has(u));
    if (unknownUnit) throw new HttpError(400, 'unknown_unit', `unknown unit '${unknownUnit}'`);
    const unknownInd = r.data.indicators === '*' ? undefined : r.data.indicators.find((i) => !ctx.domain.indicator(i));
    if (unknownInd) throw new HttpError(400, 'bad_request', `unknown indicator '${unknownInd}'`);
    if (!inScope(req, r.data.units)) throw new HttpError(403, 'forbidden', 'a source may only report units within your scope');
    if (await getSource(ctx.redis, ctx.keys, sourceIdOf(r.data.name))) throw new HttpError(409, 'conflict', 'a source with this name exists; rotate its token instead');
    const { source, token } = await createSource(ctx.redis, ctx.keys, r.data);
    await audit(ctx, req, 'source.create', source.id, { after: source });
    res.status(201).json({ source, token });
  });

  for (const action of ['rotate', 'revoke'] as const) {
    router.post(`/api/v1/sources/:id/${action}`, guard(ctx, 'admin'), async (req, res) => {
      const id = String(req.params.id);
      const before = await getSource(ctx.redis, ctx.keys, id);
      if (!before) throw new HttpError(404, 'not_found', `no source '${id}'`);
      if (!inScope(req, before.units)) throw new HttpError(403, 'forbidden', 'this source reports units outside your scope');
      if (action === 'rotate') {
        const { source, token } = (await rotateSourceToken(ctx.redis, ctx.keys, id))!;
        await audit(ctx, req, 'source.rotate', id);
        res.json({ source, token });
      } else {
        const source = await revokeSource(ctx.redis, ctx.keys, id);
        await audit(ctx, req, 'source.revoke', id, { before, after: source });
        res.json({ source });
      }
    });
  }
  return router;
}
