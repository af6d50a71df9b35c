import express, { Router } from 'express';
import { z } from 'zod';
import { createContactPoint, deleteContactPoint, listContactPoints } from '../../../store/contact-points.repo';
import { audit } from '../../auth/audit';
import { actorOf } from '../../auth/principal.middleware';
import { guard } from '../../auth/guard';
import type { ServerContext } from '../../context';
import { HttpError } from '../../http-errors';

const input = z.object({
  name: z.string().min(1).max(100),
  scope: z.string().min(2).max(16),
  url: z.string().url().refine((u) => /^https?:\/\//.test(u), 'an http or https URL'),
});

/** Webhook contact points per scope: where an IOC routes its alerts (SMS or messaging gateways). Admins only. */
export function contactPointsRouter(ctx: ServerContext): Router {
  const router = Router();
  const mine = (req: express.Request, scope: string) => req.principal.kind === 'user' && ctx.domain.registry.isWithin(scope, req.principal.scope);

  router.get('/api/v1/contact-points', guard(ctx, 'admin'), async (req, res) => {
    res.json({ contactPoints: (await listContactPoints(ctx.redis, ctx.keys)).filter((cp) => mine(req, cp.scope)) });
  });
  router.post('/api/v1/contact-points', express.json({ limit: '4kb' }), guard(ctx, 'admin', (req) => (req.body as { scope?: string })?.scope), async (req, res) => {
    const r = input.safeParse(req.body);
    if (!r.success) throw new HttpError(400, 'bad_request', 'invalid contact point', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    const cp = await createContactPoint(ctx.redis, ctx.keys, { ...r.data, createdBy: actorOf(req.principal) });
    await audit(ctx, req, 'contact-point.create', cp.id, { after: cp });
    res.status(201).json({ contactPoint: cp });
  });
  router.delete('/api/v1/contact-points/:id', guard(ctx, 'admin'), async (req, res) => {
    const existing = (await listContactPoints(ctx.redis, ctx.keys)).find((cp) => cp.id === req.params.id);
    if (!existing) throw new HttpError(404, 'not_found', `no contact point '${req.params.id}'`);
    if (!mine(req, existing.scope)) throw new HttpError(403, 'forbidden', 'this contact point is outside your scope');
    await deleteContactPoint(ctx.redis, ctx.keys, existing.id);
    await audit(ctx, req, 'contact-point.delete', existing.id, { before: existing, after: null });
    res.json({ ok: true });
  });
  return router;
}
