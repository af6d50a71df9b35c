import express, { Router } from 'express';
import { z } from 'zod';
import { scopeOf } from '../../core/access/principal';
import { breach, defaultRule, type AlertRule } from '../../core/alerts/rule';
import { checkRule, NODATA_MAX_MS, NODATA_MIN_MS, PENDING_MAX_MS, type RuleIssue, type RuleLevels } from '../../core/alerts/rule-check';
import { NATION } from '../../core/units/registry';
import { deleteRule, getRule, listRules, saveRule } from '../../store/alerts.repo';
import { readAuditWhere } from '../../store/audit.repo';
import { readView } from '../../store/metrics.repo';
import { audit } from '../auth/audit';
import { actorOf } from '../auth/principal.middleware';
import { guard } from '../auth/guard';
import type { ServerContext } from '../context';
import { HttpError } from '../http-errors';
import { retentionOf } from '../../store/changes.repo';

const level = z.number().finite().nullable();
/** The shape of a rule; what makes its levels and durations valid is checked once, in core (checkRule). */
const ruleInput = z.object({
  indicator: z.string().min(1).max(80),
  scope: z.string().min(2).max(16),
  bad: z.enum(['below', 'above']),
  warning: level,
  critical: level,
  clear: level,
  pendingMs: z.number(),
  noDataMs: z.number().nullable(),
});

/** The server's words for an issue core found (the editor has its own, in its language). */
function issueMessage(r: RuleLevels, i: RuleIssue): string {
  const text: Record<RuleIssue['code'], string> = {
    noLevel: 'set a warning or a critical level',
    notNumber: 'must be a finite number',
    order: `critical must be ${r.bad === 'below' ? 'at or below' : 'at or above'} warning`,
    clearSide: `the clear level must be on the good side of ${i.edge} (hysteresis band)`,
    range: i.field === 'pendingMs' ? `a whole number of ms from 0 to ${PENDING_MAX_MS}` : `null, or a whole number of ms from ${NODATA_MIN_MS} to ${NODATA_MAX_MS}`,
  };
  return `${i.field}: ${text[i.code]}`;
}

/**
 * Alert rules: the catalog defaults and the stored overrides (GET, read); save and delete overrides (operators, in
 * scope; audited before → after); and a preview of which units would be in alert now under an edited rule.
 */
export function alertRulesRouter(ctx: ServerContext): Router {
  const router = Router();
  const parseRule = (body: unknown): AlertRule => {
    const r = ruleInput.safeParse(body);
    if (!r.success) throw new HttpError(400, 'bad_request', 'invalid rule', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    const issues = checkRule(r.data);
    if (issues.length) throw new HttpError(400, 'bad_request', 'invalid rule', issues.map((i) => issueMessage(r.data, i)), { ruleIssues: issues });
    if (!ctx.domain.indicator(r.data.indicator)) throw new HttpError(400, 'bad_request', `unknown indicator '${r.data.indicator}'`);
    return r.data;
  };
  const scopeOfBody = (req: express.Request) => (req.body as { scope?: string })?.scope;

  /**
   * The stored rules a reader of `scope` may see: those that apply to its units — the rule's scope is within the
   * reader's, or above it on its own path (the national override a province inherits). Other provinces' are not.
   */
  const ruleVisible = (ruleScope: string, scope: string) => {
    const { registry } = ctx.domain;
    return registry.has(ruleScope) && (registry.isWithin(ruleScope, scope) || registry.isWithin(scope, ruleScope));
  };
  const readerScope = (req: express.Request) => scopeOf(req.principal) ?? NATION;

  router.get('/api/v1/alert-rules', guard(ctx, 'read'), async (req, res) => {
    const scope = readerScope(req);
    const stored = (await listRules(ctx.redis, ctx.keys)).filter((r) => ruleVisible(r.scope, scope));
    const defaults = ctx.domain.indicators.map(defaultRule).filter((r): r is AlertRule => r !== undefined);
    res.json({ defaults, rules: stored });
  });

  // staff see who changed which rule, when, before → after (the audit log's entries of the rules they may see)
  router.get('/api/v1/alert-rules/history', guard(ctx, 'operate'), async (req, res) => {
    const scope = readerScope(req);
    const ruleScopeOf = (e: { target: string }) => e.target.split('|')[1] ?? '';
    const entries = await readAuditWhere(ctx.redis, ctx.keys, (e) => e.action.startsWith('rule.') && ruleVisible(ruleScopeOf(e), scope));
    // a change made above the reader's scope (a national rule) is shown without where it was made from
    res.json({ entries: entries.map((e) => (ctx.domain.registry.isWithin(ruleScopeOf(e), scope) ? e : { ...e, ip: '' })) });
  });

  router.put('/api/v1/alert-rules', express.json({ limit: '8kb' }), guard(ctx, 'operate', scopeOfBody), async (req, res) => {
    const rule = parseRule(req.body);
    const before = await getRule(ctx.redis, ctx.keys, rule.indicator, rule.scope);
    const after = { ...rule, updatedBy: actorOf(req.principal), updatedAt: Date.now() };
    await saveRule(ctx.redis, ctx.keys, after, retentionOf(ctx.config));
    await audit(ctx, req, 'rule.save', `${rule.indicator}|${rule.scope}`, { before: before ?? null, after });
    res.json({ rule: after });
  });

  router.delete('/api/v1/alert-rules/:indicator/:scope', guard(ctx, 'operate', (req) => String(req.params.scope)), async (req, res) => {
    const [indicator, scope] = [String(req.params.indicator), String(req.params.scope)];
    const before = await getRule(ctx.redis, ctx.keys, indicator, scope);
    if (!before) throw new HttpError(404, 'not_found', `no stored rule for ${indicator} at ${scope}`);
    await deleteRule(ctx.redis, ctx.keys, indicator, scope, retentionOf(ctx.config));
    await audit(ctx, req, 'rule.delete', `${indicator}|${scope}`, { before, after: null });
    res.json({ ok: true });
  });

  router.post('/api/v1/alert-rules/preview', express.json({ limit: '8kb' }), guard(ctx, 'read', scopeOfBody), async (req, res) => {
    const rule = parseRule(req.body);
    const ind = ctx.domain.indicator(rule.indicator)!;
    const { registry } = ctx.domain;
    const scopes = [rule.scope, ...(registry.get(rule.scope)?.level === 'national' && ind.levels.includes('commune') ? registry.all('province').map((p) => p.code) : [])];
    const read = { redis: ctx.redis, keys: ctx.keys, registry };
    const seen = new Map<string, { unit: string; value: number | null; severity: string }>();
    for (const scope of scopes) {
      for (const v of (await readView(read, scope, [ind])).values) {
        const severity = registry.isWithin(v.unit, rule.scope) ? breach(rule, v.value) : null;
        if (severity) seen.set(v.unit, { unit: v.unit, value: v.value, severity });
      }
    }
    const units = [...seen.values()].sort((a, b) => (rule.bad === 'below' ? (a.value ?? 0) - (b.value ?? 0) : (b.value ?? 0) - (a.value ?? 0)));
    res.json({ count: units.length, units: units.slice(0, 500) });
  });
  return router;
}
