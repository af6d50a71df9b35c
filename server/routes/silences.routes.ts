import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { scopeOf } from '../../core/access/principal';
import type { AlertRecord } from '../../core/alerts/alert';
import { coveringSilences, mutingAt, SILENCE_MAX_MS, silenceUnit, type Silence, type SilenceTarget } from '../../core/alerts/silence';
import { NATION } from '../../core/units/registry';
import { writeAlertAction } from '../../store/alerts.repo';
import { pageAlerts } from '../../store/alert-pages.repo';
import { retentionOf } from '../../store/changes.repo';
import { getSilence, listSilences, newSilenceId, saveSilence } from '../../store/silences.repo';
import { audit } from '../auth/audit';
import { guard } from '../auth/guard';
import { actorOf } from '../auth/principal.middleware';
import type { ServerContext } from '../context';
import { HttpError } from '../http-errors';
import { requireOn } from './alerts.routes';

const code = z.string().min(2).max(16);
const target = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rule'), indicator: z.string().min(1).max(80), scope: code }),
  z.object({ kind: z.literal('unit'), unit: code }),
  z.object({ kind: z.literal('scope'), scope: code }),
]);
const silenceInput = z.object({
  target,
  /** When it starts: now when absent. */
  startsAt: z.string().datetime({ offset: true }).optional(),
  endsAt: z.string().datetime({ offset: true }),
  comment: z.string().trim().min(1, 'say why (the maintenance window)').max(500),
});

const targetUnit = (req: Request): string | undefined => {
  const r = target.safeParse((req.body as { target?: unknown } | undefined)?.target);
  return r.success ? silenceUnit(r.data) : undefined;
};

/**
 * Silences (maintenance windows, core/alerts/silence.ts): list them (read, those that concern the reader's scope),
 * create and end them early (operators and admins within their scope; audited). An alert a silence covers opens and
 * shows, marked muted, but sends no notification; the open alerts it covers are marked at once, and unmarked when it
 * is ended early.
 */
export function silencesRouter(ctx: ServerContext): Router {
  const router = Router();
  const { registry } = ctx.domain;
  // a silence of the reader's own units or of a scope above them (a national one covers a province's alerts)
  const concerns = (s: Silence, scope: string) => registry.isWithin(silenceUnit(s.target), scope) || registry.isWithin(scope, silenceUnit(s.target));

  /** Re-marks the open alerts under this silence's unit with the silences in force now (an operator's change: no notification). */
  async function remark(silence: Silence, by: string, at: number): Promise<number> {
    const unit = silenceUnit(silence.target);
    const silences = await listSilences(ctx.redis, ctx.keys);
    let marked = 0;
    let cursor: string | undefined;
    do {
      const page = await pageAlerts(ctx.redis, ctx.keys, { open: true }, { cursor, limit: 1000, keep: (a) => registry.isWithin(a.unit, unit) });
      for (const a of page.items) {
        const covering = coveringSilences(silences, { indicator: a.indicator, ruleScope: a.ruleScope, unitPath: [a.unit, ...registry.ancestors(a.unit)] }, at);
        const muting = mutingAt({ silencedUntil: a.silencedUntil, mutedBy: a.mutedBy ?? null }, covering, at);
        if (muting.silencedUntil === a.silencedUntil && muting.mutedBy?.silence === a.mutedBy?.silence) continue;
        const next: AlertRecord = { ...a, ...muting };
        await writeAlertAction(ctx.redis, ctx.keys, { alert: next, kind: 'silenced', at, by }, retentionOf(ctx.config));
        marked += 1;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return marked;
  }

  router.get('/api/v1/silences', guard(ctx, 'read', (req) => (typeof req.query.unit === 'string' ? req.query.unit : undefined)), async (req, res) => {
    const scope = typeof req.query.unit === 'string' ? req.query.unit : (scopeOf(req.principal) ?? NATION);
    const items = (await listSilences(ctx.redis, ctx.keys)).filter((s) => concerns(s, scope)).sort((a, b) => b.startsAt - a.startsAt || (a.id < b.id ? -1 : 1));
    res.json({ items });
  });

  router.post('/api/v1/silences', express.json({ limit: '4kb' }), guard(ctx, 'operate', targetUnit), async (req, res) => {
    const r = silenceInput.safeParse(req.body);
    if (!r.success) throw new HttpError(400, 'bad_request', 'invalid silence', r.error.issues.map((i) => `${i.path.join('.') || 'silence'}: ${i.message}`));
    const t: SilenceTarget = r.data.target;
    if (t.kind === 'rule' && !ctx.domain.indicator(t.indicator)) throw new HttpError(400, 'unknown_indicator', `unknown indicator '${t.indicator}'`);
    const now = Date.now();
    const startsAt = r.data.startsAt ? Math.max(Date.parse(r.data.startsAt), now) : now;
    const endsAt = Date.parse(r.data.endsAt);
    if (endsAt <= startsAt) throw new HttpError(400, 'bad_window', 'a silence must end after it starts, and in the future');
    if (endsAt - startsAt > SILENCE_MAX_MS) throw new HttpError(400, 'bad_window', 'a silence may last 30 days at most');
    if (startsAt > now + SILENCE_MAX_MS) throw new HttpError(400, 'bad_window', 'a silence may start 30 days ahead at most');
    const by = actorOf(req.principal);
    const silence: Silence = { id: newSilenceId(), target: t, startsAt, endsAt, comment: r.data.comment, createdBy: by, createdAt: now, ended: null };
    await saveSilence(ctx.redis, ctx.keys, silence);
    await audit(ctx, req, 'silence.create', silence.id, { after: silence }, { scope: silenceUnit(t) });
    const marked = startsAt <= now ? await remark(silence, by, now) : 0;
    res.status(201).json({ silence, marked });
  });

  router.post('/api/v1/silences/:id/end', guard(ctx, 'operate'), async (req, res) => {
    const before = await getSilence(ctx.redis, ctx.keys, String(req.params.id));
    if (!before) throw new HttpError(404, 'not_found', `no silence '${req.params.id}'`);
    requireOn(ctx, req, 'operate', silenceUnit(before.target));
    const now = Date.now();
    if (before.ended || before.endsAt <= now) throw new HttpError(409, 'already_ended', 'this silence has already ended');
    const by = actorOf(req.principal);
    const silence: Silence = { ...before, endsAt: Math.max(now, before.startsAt), ended: { by, at: now } };
    await saveSilence(ctx.redis, ctx.keys, silence);
    await audit(ctx, req, 'silence.end', silence.id, { before, after: silence }, { scope: silenceUnit(silence.target) });
    const marked = await remark(silence, by, now);
    res.json({ silence, marked });
  });
  return router;
}
