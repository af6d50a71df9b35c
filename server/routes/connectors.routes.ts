import express, { Router, type Request } from 'express';
import type { ConnectorRow, ConnectorsAnswer } from '../../core/contract/connectors';
import { checkDefinition } from '../../core/connectors/check-definition';
import { redactAuth, type ConnectorDefinition } from '../../core/connectors/definition';
import { applySchedule, cronProblem, nextPullAt, runPullNow, unschedulePull } from '../../platform/queues';
import { getConnector, listConnectors, readPullStatus, removeConnector, saveConnector, type ConnectorRecord } from '../../store/connectors.repo';
import { audit, commonScope } from '../auth/audit';
import { guard } from '../auth/guard';
import type { ServerContext } from '../context';
import { HttpError } from '../http-errors';

/** A definition as answered: secrets as `•••`. */
export function redacted(def: ConnectorDefinition): ConnectorDefinition {
  return { ...def, auth: redactAuth(def.auth) };
}

export async function connectorRow(ctx: ServerContext, r: ConnectorRecord): Promise<ConnectorRow> {
  const next = r.definition.paused ? null : await nextPullAt(ctx.pulls, r.definition.id);
  return { definition: redacted(r.definition), status: await readPullStatus(ctx.redis, ctx.keys, r.definition.id, next), createdAt: r.createdAt, updatedAt: r.updatedAt };
}

/**
 * Pull connectors (docs/connectors.md), for admins, within their scope: list, show, create or replace (POST, the
 * whole definition, validated with its field named in every issue), run now, pause, resume, remove — audited.
 */
export function connectorsRouter(ctx: ServerContext): Router {
  const router = Router();
  const inScope = (req: Request, units: readonly string[]) =>
    req.principal.kind === 'user' && units.every((u) => ctx.domain.registry.isWithin(u, (req.principal as { scope: string }).scope));
  const checks = { unit: (c: string) => ctx.domain.registry.get(c), indicator: ctx.domain.indicator, cronProblem };

  async function connectorOf(req: Request): Promise<ConnectorRecord> {
    const id = String(req.params.id);
    const r = await getConnector(ctx.redis, ctx.keys, id);
    if (!r) throw new HttpError(404, 'not_found', `no connector '${id}'`);
    if (!inScope(req, r.definition.scope.units)) throw new HttpError(403, 'forbidden', 'this connector reports units outside your scope');
    return r;
  }

  router.get('/api/v1/connectors', guard(ctx, 'admin'), async (req, res) => {
    const all = (await listConnectors(ctx.redis, ctx.keys)).filter((r) => inScope(req, r.definition.scope.units));
    const answer: ConnectorsAnswer = { serverTime: Date.now(), connectors: await Promise.all(all.map((r) => connectorRow(ctx, r))) };
    res.json(answer);
  });
  router.get('/api/v1/connectors/:id', guard(ctx, 'admin'), async (req, res) => {
    res.json(await connectorRow(ctx, await connectorOf(req)));
  });
  router.post('/api/v1/connectors', express.json({ limit: '256kb' }), guard(ctx, 'admin'), async (req, res) => {
    const id = typeof (req.body as { id?: unknown } | null)?.id === 'string' ? String((req.body as { id: string }).id) : undefined;
    const saved = id ? await getConnector(ctx.redis, ctx.keys, id) : undefined;
    if (saved && !inScope(req, saved.definition.scope.units)) throw new HttpError(403, 'forbidden', 'this connector reports units outside your scope');
    const checked = checkDefinition(req.body, checks, saved?.definition);
    if (!checked.ok) throw new HttpError(400, 'bad_definition', 'the connector definition is not valid', checked.issues);
    const def = checked.definition;
    if (!inScope(req, def.scope.units)) throw new HttpError(403, 'forbidden', 'a connector may only report units within your scope');
    // a taken id throws ConnectorConflictError, a caller's error answered 409 `conflict` by server/http-errors.ts
    const record = await saveConnector(ctx.redis, ctx.keys, def);
    await applySchedule(ctx.pulls, def);
    await audit(ctx, req, saved ? 'connector.update' : 'connector.create', def.id, { before: saved ? redacted(saved.definition) : undefined, after: redacted(def) }, { scope: commonScope(ctx, ...def.scope.units) });
    res.status(saved ? 200 : 201).json(await connectorRow(ctx, record));
  });
  router.post('/api/v1/connectors/:id/run', guard(ctx, 'admin'), async (req, res) => {
    const r = await connectorOf(req);
    await runPullNow(ctx.pulls, r.definition.id, r.definition.retries);
    await audit(ctx, req, 'connector.run', r.definition.id, undefined, { scope: commonScope(ctx, ...r.definition.scope.units) });
    res.status(202).json({ queued: true, connector: r.definition.id });
  });
  for (const action of ['pause', 'resume'] as const) {
    router.post(`/api/v1/connectors/:id/${action}`, guard(ctx, 'admin'), async (req, res) => {
      const r = await connectorOf(req);
      const def: ConnectorDefinition = { ...r.definition, paused: action === 'pause' };
      const record = await saveConnector(ctx.redis, ctx.keys, def);
      await applySchedule(ctx.pulls, def);
      await audit(ctx, req, `connector.${action}`, def.id, undefined, { scope: commonScope(ctx, ...def.scope.units) });
      res.json(await connectorRow(ctx, record));
    });
  }
  router.delete('/api/v1/connectors/:id', guard(ctx, 'admin'), async (req, res) => {
    const r = await connectorOf(req);
    await unschedulePull(ctx.pulls, r.definition.id);
    await removeConnector(ctx.redis, ctx.keys, r.definition.id);
    await audit(ctx, req, 'connector.remove', r.definition.id, { before: redacted(r.definition) }, { scope: commonScope(ctx, ...r.definition.scope.units) });
    res.json({ removed: r.definition.id });
  });
  return router;
}
