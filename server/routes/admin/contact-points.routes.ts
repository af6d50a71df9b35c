import express, { Router } from 'express';
import { contactPointInputSchema, webhookUrlProblem, withDefaultKind, type ContactPoint, type ContactPointInput } from '../../../core/contract/contact-points';
import { webhooksHttpsOnly } from '../../../platform/config';
import { createContactPoint, deleteContactPoint, getContactPoint, listContactPoints, rotateWebhookSecret } from '../../../store/contact-points.repo';
import { audit } from '../../auth/audit';
import { actorOf } from '../../auth/principal.middleware';
import { guard } from '../../auth/guard';
import type { ServerContext } from '../../context';
import { HttpError } from '../../http-errors';

/** The body checked at the boundary: its shape, a webhook's URL (bad_url), e-mail only where SMTP is configured. */
function checkInput(ctx: ServerContext, body: unknown): ContactPointInput {
  const r = contactPointInputSchema.safeParse(withDefaultKind(body));
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    const code = r.error.issues.some((i) => i.path[0] === 'addresses') ? 'bad_address' : 'bad_request';
    throw new HttpError(400, code, 'invalid contact point', issues, { field: String(r.error.issues[0]?.path[0] ?? '') });
  }
  const input = r.data;
  if (input.kind === 'webhook') {
    const problem = webhookUrlProblem(input.url, { httpsOnly: webhooksHttpsOnly(ctx.config) });
    if (problem) throw new HttpError(400, 'bad_url', `url: ${problem}`, [`url: ${problem}`], { field: 'url' });
  }
  if (input.kind === 'email' && !ctx.config.SMTP_URL) {
    throw new HttpError(400, 'mail_not_configured', 'e-mail delivery is not configured on this instance (SMTP_URL, SMTP_FROM)', ['kind: e-mail delivery is not configured (SMTP_URL)'], { field: 'kind' });
  }
  return input;
}

/**
 * Contact points per scope (docs/api.md "Contact points"): signed webhooks (an SMS or messaging gateway) and e-mail
 * addresses that receive the scope's alerts and scheduled reports. A webhook's secret is answered once, at creation and
 * at each rotation. Admins only.
 */
export function contactPointsRouter(ctx: ServerContext): Router {
  const router = Router();
  const mine = (req: express.Request, scope: string) => req.principal.kind === 'user' && ctx.domain.registry.isWithin(scope, req.principal.scope);
  /** The contact point of `:id`, if it is within the admin's scope. */
  const ownContactPoint = async (req: express.Request): Promise<ContactPoint> => {
    const existing = await getContactPoint(ctx.redis, ctx.keys, String(req.params.id));
    if (!existing) throw new HttpError(404, 'not_found', `no contact point '${String(req.params.id)}'`);
    if (!mine(req, existing.scope)) throw new HttpError(403, 'forbidden', 'this contact point is outside your scope');
    return existing;
  };

  router.get('/api/v1/contact-points', guard(ctx, 'admin'), async (req, res) => {
    res.json({ contactPoints: (await listContactPoints(ctx.redis, ctx.keys)).filter((cp) => mine(req, cp.scope)) });
  });
  router.post('/api/v1/contact-points', express.json({ limit: '8kb' }), guard(ctx, 'admin', (req) => (req.body as { scope?: string })?.scope), async (req, res) => {
    const input = checkInput(ctx, req.body);
    const { contactPoint, secret } = await createContactPoint(ctx.redis, ctx.keys, { ...input, createdBy: actorOf(req.principal) });
    await audit(ctx, req, 'contact-point.create', contactPoint.id, { after: contactPoint });
    res.status(201).json({ contactPoint, secret });
  });
  router.post('/api/v1/contact-points/:id/rotate', guard(ctx, 'admin'), async (req, res) => {
    const existing = await ownContactPoint(req);
    if (existing.kind !== 'webhook') throw new HttpError(400, 'not_webhook', 'only a webhook contact point has a signing secret');
    const secret = await rotateWebhookSecret(ctx.redis, ctx.keys, existing.id);
    await audit(ctx, req, 'contact-point.rotate', existing.id);
    res.json({ contactPoint: existing, secret });
  });
  router.delete('/api/v1/contact-points/:id', guard(ctx, 'admin'), async (req, res) => {
    const existing = await ownContactPoint(req);
    await deleteContactPoint(ctx.redis, ctx.keys, existing.id);
    await audit(ctx, req, 'contact-point.delete', existing.id, { before: existing, after: null });
    res.json({ ok: true });
  });
  return router;
}
