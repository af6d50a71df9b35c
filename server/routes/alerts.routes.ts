import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { decide, type Permission } from '../../core/access/principal';
import type { AlertEvent, AlertRecord } from '../../core/alerts/alert';
import { SILENCE_MAX_MS } from '../../core/alerts/silence';
import { getAlert, writeAlertAction } from '../../store/alerts.repo';
import { isAlertCursor, isHistoryCursor, pageAlertHistory, pageAlerts } from '../../store/alert-pages.repo';
import { getUser } from '../../store/users.repo';
import { actorOf } from '../auth/principal.middleware';
import { guard } from '../auth/guard';
import type { ServerContext } from '../context';
import { AccessError, HttpError } from '../http-errors';
import { retentionOf } from '../../store/changes.repo';

/** A time in epoch ms, as one string of digits (a repeated `?from=` is an array, refused; '' is not 0). */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
const epochMs = z
  .string()
  .regex(/^\d{1,15}$/, 'epoch milliseconds')
  .transform(Number);
const filters = z.object({
  unit: z.string().max(16).optional(),
  indicator: z.string().max(80).optional(),
  severity: z.enum(['warning', 'critical', 'nodata']).optional(),
  state: z.enum(['firing', 'resolved', 'acknowledged', 'unacknowledged']).optional(),
  from: epochMs.optional(),
  to: epochMs.optional(),
  /** Items per page (docs/api.md "Paging"). */
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_LIMIT))
    .default(DEFAULT_LIMIT),
  cursor: z.string().max(200).optional(),
});
const ack = z.object({ comment: z.string().trim().min(1, 'say what is being done').max(500) });
const assign = z.object({ user: z.string().min(1).max(64) });
const silence = z.object({ until: z.string().datetime({ offset: true }) });

function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const r = schema.safeParse(input);
  if (!r.success) throw new HttpError(400, 'bad_request', `invalid ${what}`, r.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`));
  return r.data;
}

const badCursor = () => new HttpError(400, 'bad_cursor', 'the cursor is not one this list answered (start again without it)');

/** The same decision as the guard's, for a unit known only once the record is loaded. */
export function requireOn(ctx: ServerContext, req: Request, perm: Permission, unit: string): void {
  const d = decide(req.principal, perm, unit, (c, s) => ctx.domain.registry.isWithin(c, s), req.refused);
  if (!d.ok) throw new AccessError(d);
}

/**
 * Alerts: list and history with filters, within the caller's scope, a page at a time (`{ items, nextCursor }`,
 * store/alert-pages.repo.ts); acknowledge, assign and silence, by operators.
 */
export function alertsRouter(ctx: ServerContext): Router {
  const router = Router();
  const visible = (req: Request, unit: string) => req.principal.kind === 'anonymous' || ctx.domain.registry.isWithin(unit, req.principal.scope);
  const matches = (q: z.infer<typeof filters>, a: AlertRecord, at: number) =>
    (!q.unit || ctx.domain.registry.isWithin(a.unit, q.unit)) &&
    (!q.indicator || a.indicator === q.indicator) &&
    (!q.severity || a.severity === q.severity) &&
    (!q.state || (q.state === 'acknowledged' ? a.acknowledged !== null : q.state === 'unacknowledged' ? a.acknowledged === null && a.phase === 'firing' : a.phase === q.state)) &&
    (q.from === undefined || at >= q.from) &&
    (q.to === undefined || at <= q.to);

  router.get('/api/v1/alerts', guard(ctx, 'read', (req) => (typeof req.query.unit === 'string' ? req.query.unit : undefined)), async (req, res) => {
    const q = parse(filters, req.query, 'filter');
    if (q.cursor !== undefined && !isAlertCursor(q.cursor)) throw badCursor();
    const open = q.state === 'firing' || q.state === 'unacknowledged';
    const keep = (a: AlertRecord) => visible(req, a.unit) && matches(q, a, a.firedAt);
    res.json(await pageAlerts(ctx.redis, ctx.keys, { open, from: q.from, to: q.to }, { cursor: q.cursor, limit: q.limit, keep }));
  });

  router.get('/api/v1/alerts/history', guard(ctx, 'read', (req) => (typeof req.query.unit === 'string' ? req.query.unit : undefined)), async (req, res) => {
    const q = parse(filters, req.query, 'filter');
    if (q.cursor !== undefined && !isHistoryCursor(q.cursor)) throw badCursor();
    const keep = (e: AlertEvent) => visible(req, e.alert.unit) && matches(q, e.alert, e.at);
    res.json(await pageAlertHistory(ctx.redis, ctx.keys, { cursor: q.cursor, limit: q.limit, keep }));
  });

  const act = (name: 'ack' | 'assign' | 'silence', apply: (a: AlertRecord, req: Request, by: string, at: number) => Promise<[AlertRecord, AlertEvent['kind']]>) =>
    router.post(`/api/v1/alerts/:id/${name}`, express.json({ limit: '4kb' }), guard(ctx, 'operate'), async (req, res) => {
      const alert = await getAlert(ctx.redis, ctx.keys, String(req.params.id));
      if (!alert) throw new HttpError(404, 'not_found', `no alert '${req.params.id}'`);
      requireOn(ctx, req, 'operate', alert.unit);
      const by = actorOf(req.principal);
      const at = Date.now();
      const [next, kind] = await apply(alert, req, by, at);
      await writeAlertAction(ctx.redis, ctx.keys, { alert: next, kind, at, by }, retentionOf(ctx.config));
      res.json({ alert: next });
    });

  act('ack', async (a, req, by, at) => [{ ...a, acknowledged: { by, at, comment: parse(ack, req.body, 'acknowledgement').comment } }, 'acknowledged']);
  act('assign', async (a, req, by, at) => {
    const { user } = parse(assign, req.body, 'assignment');
    const assignee = await getUser(ctx.redis, ctx.keys, user);
    if (!assignee || !ctx.domain.registry.isWithin(a.unit, assignee.scope) || assignee.role === 'viewer') {
      throw new HttpError(400, 'bad_request', `'${user}' is not an operator or admin whose scope covers ${a.unit}`);
    }
    return [{ ...a, assignee: { user: assignee.username, by, at } }, 'assigned'];
  });
  act('silence', async (a, req, _by, at) => {
    const until = Date.parse(parse(silence, req.body, 'silence').until);
    if (until <= at) throw new HttpError(400, 'bad_request', 'a silence must end in the future');
    if (until > at + SILENCE_MAX_MS) throw new HttpError(400, 'bad_request', 'a silence may last 30 days at most');
    return [{ ...a, silencedUntil: until }, 'silenced'];
  });
  return router;
}
