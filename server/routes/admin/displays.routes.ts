import express, { type Request, Router } from 'express';
import { z } from 'zod';
import type { DisplayConfig } from '../../../core/displays/display-config';
import { checkScenes, effectiveInterval, effectiveScenes, INTERVAL_S, MAX_DISPLAY_KPIS, MAX_SCENES, type SceneIssue } from '../../../core/displays/scenes';
import { createDisplay, type DisplayRecord, getDisplay, listDisplays, revokeDisplay, updateDisplay } from '../../../store/displays.repo';
import { audit } from '../../auth/audit';
import { actorOf } from '../../auth/principal.middleware';
import { guard } from '../../auth/guard';
import type { ServerContext } from '../../context';
import { HttpError } from '../../http-errors';
import { announceRevocation } from '../../realtime/revocations';

const scenes = z.array(z.string().min(1).max(40)).min(1).max(MAX_SCENES);
const intervalS = z.number().int().min(INTERVAL_S.min).max(INTERVAL_S.max);
const indicatorId = z.string().min(1).max(64);
const kpis = z.array(indicatorId).min(1).max(MAX_DISPLAY_KPIS);
const newDisplay = z.object({
  name: z.string().trim().min(1).max(100),
  scope: z.string().min(2).max(16),
  scenes,
  intervalS: intervalS.optional(),
  indicator: indicatorId.optional(),
  kpis: kpis.optional(),
});
/** Everything but the scope (a display of another scope is another display: make a new code). */
const displayChange = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    scenes: scenes.optional(),
    intervalS: intervalS.optional(),
    indicator: indicatorId.nullable().optional(),
    kpis: kpis.nullable().optional(),
  })
  .strict()
  .refine((c) => Object.keys(c).length > 0, { message: 'nothing to change' });

export function displayConfig(ctx: ServerContext, d: DisplayRecord): DisplayConfig {
  return {
    id: d.id,
    name: d.name,
    scope: d.scope,
    scenes: effectiveScenes(d.scope, d.scenes, ctx.domain.registry),
    intervalS: effectiveInterval(d.intervalS),
    indicator: d.indicator ?? null,
    kpis: d.kpis ?? null,
    updatedAt: d.updatedAt ?? d.createdAt,
  };
}

/** The wall's address: the token alone (the wall reads its scenes and interval from the server). */
const wallPathOf = (token: string) => `/wall?display=${encodeURIComponent(token)}`;

const zodIssues = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);

const REFUSAL_TEXT: Record<SceneIssue['code'], (scene: string, scope: string) => string> = {
  unknown_scene: (s) => `'${s}' is not a scene`,
  bad_scene_argument: (s) => `'${s}' names no such ranking or province`,
  scene_outside_scope: (s, scope) => `'${s}' is outside the display's scope (${scope})`,
  duplicate_scene: (s) => `'${s}' is listed twice`,
};

/** The scenes checked against the scope, or a 400 with the first refusal's code and one issue per refusal. */
function checkedScenes(ctx: ServerContext, scope: string, list: string[]): string[] {
  const r = checkScenes(scope, list, ctx.domain.registry);
  if (r.ok) return r.scenes;
  const issues = r.issues.map((i) => `scenes.${i.index}: ${REFUSAL_TEXT[i.code](i.scene, scope)}`);
  throw new HttpError(400, r.issues[0]!.code, `scene not allowed for a display of ${scope}`, issues, { field: 'scenes', refusals: r.issues });
}

/**
 * The map's indicator must colour a map (reported by or rolled up to provinces); each KPI must be in the catalog.
 * A 400 `unknown_indicator` names the field.
 */
function checkIndicators(ctx: ServerContext, body: { indicator?: string | null; kpis?: string[] | null }): void {
  const mappable = (id: string) => ctx.domain.indicator(id)?.levels.includes('province') === true;
  if (body.indicator && !mappable(body.indicator)) {
    throw new HttpError(400, 'unknown_indicator', `'${body.indicator}' is not an indicator that colours a map`, [`indicator: '${body.indicator}' is not an indicator that colours a map`], { field: 'indicator' });
  }
  const bad = (body.kpis ?? []).map((id, i) => ({ id, i })).filter(({ id }) => !ctx.domain.indicator(id));
  if (bad.length > 0) {
    throw new HttpError(400, 'unknown_indicator', `unknown indicator '${bad[0]!.id}'`, bad.map(({ id, i }) => `kpis.${i}: unknown indicator '${id}'`), { field: 'kpis' });
  }
  if (body.kpis && new Set(body.kpis).size !== body.kpis.length) {
    throw new HttpError(400, 'bad_request', 'a KPI is listed twice', ['kpis: a KPI is listed twice'], { field: 'kpis' });
  }
}

function requireWithin(ctx: ServerContext, req: Request, d: DisplayRecord): void {
  if (req.principal.kind !== 'user' || !ctx.domain.registry.isWithin(d.scope, req.principal.scope)) {
    throw new HttpError(403, 'forbidden', 'this display is outside your scope');
  }
}

/**
 * Wall-screen tokens: read-only, bound to a scope, scenes, an interval and the indicators their scenes show; editable
 * by an admin of the scope (the wall re-reads its configuration); revoking one disconnects its screens within seconds.
 */
export function displaysRouter(ctx: ServerContext): Router {
  const router = Router();
  router.get('/api/v1/displays', guard(ctx, 'admin'), async (req, res) => {
    const scope = req.principal.kind === 'user' ? req.principal.scope : 'VN';
    const displays = (await listDisplays(ctx.redis, ctx.keys)).filter((d) => ctx.domain.registry.isWithin(d.scope, scope));
    res.json({ displays });
  });

  router.post('/api/v1/displays', express.json({ limit: '8kb' }), guard(ctx, 'admin', (req) => (req.body as { scope?: string })?.scope), async (req, res) => {
    const r = newDisplay.safeParse(req.body);
    if (!r.success) throw new HttpError(400, 'bad_request', 'invalid display', zodIssues(r.error));
    if (!ctx.domain.registry.has(r.data.scope)) throw new HttpError(400, 'unknown_unit', `unknown unit '${r.data.scope}'`);
    const list = checkedScenes(ctx, r.data.scope, r.data.scenes);
    checkIndicators(ctx, r.data);
    const { display, token } = await createDisplay(ctx.redis, ctx.keys, { ...r.data, scenes: list, createdBy: actorOf(req.principal) });
    await audit(ctx, req, 'display.create', display.id, { after: display });
    res.status(201).json({ display, token, wallPath: wallPathOf(token) });
  });

  router.patch('/api/v1/displays/:id', express.json({ limit: '8kb' }), guard(ctx, 'admin'), async (req, res) => {
    const id = String(req.params.id);
    const current = await getDisplay(ctx.redis, ctx.keys, id);
    if (!current) throw new HttpError(404, 'not_found', `no display '${id}'`);
    requireWithin(ctx, req, current);
    if (current.revokedAt) throw new HttpError(409, 'revoked', 'this display is revoked; make a new one');
    const r = displayChange.safeParse(req.body);
    if (!r.success) throw new HttpError(400, 'bad_request', 'invalid change', zodIssues(r.error));
    const change = { ...r.data, ...(r.data.scenes ? { scenes: checkedScenes(ctx, current.scope, r.data.scenes) } : {}) };
    checkIndicators(ctx, change);
    const display = await updateDisplay(ctx.redis, ctx.keys, id, change, actorOf(req.principal));
    await audit(ctx, req, 'display.update', id, { before: current, after: display });
    res.json({ display });
  });

  router.post('/api/v1/displays/:id/revoke', guard(ctx, 'admin'), async (req, res) => {
    const id = String(req.params.id);
    const current = await getDisplay(ctx.redis, ctx.keys, id);
    if (!current) throw new HttpError(404, 'not_found', `no display '${id}'`);
    requireWithin(ctx, req, current);
    const display = await revokeDisplay(ctx.redis, ctx.keys, id);
    await announceRevocation(ctx, { display: id });
    await audit(ctx, req, 'display.revoke', id, { before: current, after: display });
    res.json({ display });
  });

  /** The wall's own configuration: for a display token, its display; for a signed-in user, none (the URL says). */
  router.get('/api/v1/display', guard(ctx, 'read'), async (req, res) => {
    if (req.principal.kind !== 'display') {
      res.json({ display: null });
      return;
    }
    const d = await getDisplay(ctx.redis, ctx.keys, req.principal.id);
    if (!d || d.revokedAt) throw new HttpError(401, 'unauthorized', 'this display token is revoked');
    res.set('Cache-Control', 'no-store').json({ display: displayConfig(ctx, d) });
  });
  return router;
}
