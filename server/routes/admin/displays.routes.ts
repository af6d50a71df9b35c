import express, { Router } from 'express';
import { z } from 'zod';
import { createDisplay, listDisplays, revokeDisplay } from '../../../store/displays.repo';
import { audit } from '../../auth/audit';
import { actorOf } from '../../auth/principal.middleware';
import { guard } from '../../auth/guard';
import type { ServerContext } from '../../context';
import { HttpError } from '../../http-errors';
import { announceRevocation } from '../../realtime/revocations';

export const SCENES = ['national', 'rankings', 'nq214', 'feeds', 'alerts', 'province'] as const;
const newDisplay = z.object({
  name: z.string().min(1).max(100),
  scope: z.string().min(2).max(16),
  scenes: z.array(z.enum(SCENES)).min(1).max(SCENES.length),
});

/** Wall-screen tokens: read-only, bound to a scope and scenes; revoking one disconnects its screens within seconds. */
export function displaysRouter(ctx: ServerContext): Router {
  const router = Router();
  router.get('/api/v1/displays', guard(ctx, 'admin'), async (req, res) => {
    const scope = req.principal.kind === 'user' ? req.principal.scope : 'VN';
    const displays = (await listDisplays(ctx.redis, ctx.keys)).filter((d) => ctx.domain.registry.isWithin(d.scope, scope));
    res.json({ displays });
  });

  router.post('/api/v1/displays', express.json({ limit: '8kb' }), guard(ctx, 'admin', (req) => (req.body as { scope?: string })?.scope), async (req, res) => {
    const r = newDisplay.safeParse(req.body);
    if (!r.success) throw new HttpError(400, 'bad_request', 'invalid display', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    if (!ctx.domain.registry.has(r.data.scope)) throw new HttpError(400, 'unknown_unit', `unknown unit '${r.data.scope}'`);
    const { display, token } = await createDisplay(ctx.redis, ctx.keys, { ...r.data, createdBy: actorOf(req.principal) });
    await audit(ctx, req, 'display.create', display.id, { after: display });
    res.status(201).json({ display, token, wallPath: `/wall?display=${token}&scenes=${display.scenes.join(',')}` });
  });

  router.post('/api/v1/displays/:id/revoke', guard(ctx, 'admin'), async (req, res) => {
    const id = String(req.params.id);
    const current = (await listDisplays(ctx.redis, ctx.keys)).find((d) => d.id === id);
    if (!current) throw new HttpError(404, 'not_found', `no display '${id}'`);
    if (req.principal.kind !== 'user' || !ctx.domain.registry.isWithin(current.scope, req.principal.scope)) {
      throw new HttpError(403, 'forbidden', 'this display is outside your scope');
    }
    const display = await revokeDisplay(ctx.redis, ctx.keys, id);
    await announceRevocation(ctx, { display: id });
    await audit(ctx, req, 'display.revoke', id, { before: current, after: display });
    res.json({ display });
  });
  return router;
}
