import express, { Router } from 'express';
import { z } from 'zod';
import { readFeedStatus } from '../../../store/feeds.repo';
import { createSource, deleteSource, getSource, listSources, revokeSource, rotateSourceToken, saveSources, sourceIdOf, type SourceRecord } from '../../../store/sources.repo';
import { audit } from '../../auth/audit';
import { guard } from '../../auth/guard';
import type { ServerContext } from '../../context';
import { HttpError } from '../../http-errors';
import { NOTHING_TO_SETTLE, settleSourceAuthority } from './source-authority';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const fields = {
  name: z.string().trim().min(1).max(100),
  units: z.array(z.string().min(2).max(16)).min(1).max(200),
  indicators: z.union([z.literal('*'), z.array(z.string().min(1).max(64)).min(1).max(200)]),
  deadline: z.string().regex(HHMM, 'HH:MM'),
  /** How a save settles an overlap with other sources: this one wins, or yields (docs/api.md "Sources"). */
  authority: z.enum(['wins', 'yields']),
};
const newSource = z.object({ ...fields, deadline: fields.deadline.optional(), authority: fields.authority.optional() });
const sourceChange = z
  .strictObject({ ...fields, deadline: fields.deadline.nullable() })
  .partial()
  .refine((c) => Object.keys(c).length > 0, 'name the fields to change: name, units, indicators, deadline, authority');

/** The code of a bad field of a source, so a client can tell which one without reading the message. */
const FIELD_CODES: Record<string, string> = { name: 'bad_name', units: 'bad_units', indicators: 'bad_indicators', deadline: 'bad_deadline', authority: 'bad_authority' };

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const first = r.error.issues[0]!;
  const code = first.code === 'unrecognized_keys' ? 'unknown_field' : (FIELD_CODES[String(first.path[0])] ?? 'bad_request');
  throw new HttpError(400, code, 'invalid source', r.error.issues.map((i) => `${i.path.join('.') || (i.code === 'unrecognized_keys' ? i.keys.join(',') : '')}: ${i.message}`));
}

/**
 * Source tokens: create, edit (name, scope, deadline), delete, rotate, revoke; last-used time from the feed status.
 * Every change is audited; a save whose scope overlaps another source's needs the admin to say which is the authority.
 */
export function sourcesRouter(ctx: ServerContext): Router {
  const router = Router();
  const inScope = (req: express.Request, units: readonly string[]) =>
    req.principal.kind === 'user' && units.every((u) => ctx.domain.registry.isWithin(u, (req.principal as { scope: string }).scope));
  const checkScope = (req: express.Request, scope: Partial<Pick<SourceRecord, 'units' | 'indicators'>>) => {
    const unknownUnit = scope.units?.find((u) => !ctx.domain.registry.has(u));
    if (unknownUnit) throw new HttpError(400, 'unknown_unit', `unknown unit '${unknownUnit}'`, [`units: unknown unit '${unknownUnit}'`]);
    const unknownInd = scope.indicators === '*' ? undefined : scope.indicators?.find((i) => !ctx.domain.indicator(i));
    if (unknownInd) throw new HttpError(400, 'unknown_indicator', `unknown indicator '${unknownInd}'`, [`indicators: unknown indicator '${unknownInd}'`]);
    if (scope.units && !inScope(req, scope.units)) throw new HttpError(403, 'forbidden', 'a source may only report units within your scope');
  };
  const existing = async (req: express.Request): Promise<SourceRecord> => {
    const id = String(req.params.id);
    const source = await getSource(ctx.redis, ctx.keys, id);
    // federation links are managed under /api/v1/links
    if (!source || source.kind === 'link') throw new HttpError(404, 'not_found', `no source '${id}'`);
    if (!inScope(req, source.units)) throw new HttpError(403, 'forbidden', 'this source reports units outside your scope');
    // a connector's source follows its definition (/api/v1/connectors); an upload's is its file's record
    if (source.kind) throw new HttpError(409, 'managed_elsewhere', `source '${id}' is a ${source.kind}'s: change the ${source.kind} instead`);
    return source;
  };
  const nameTaken = async (name: string, id?: string) =>
    (await listSources(ctx.redis, ctx.keys)).some((s) => s.id !== id && s.name.toLocaleLowerCase('vi') === name.toLocaleLowerCase('vi'));

  router.get('/api/v1/sources', guard(ctx, 'admin'), async (req, res) => {
    // federation links are sources too, managed under /api/v1/links (Quản trị › Liên kết IOC)
    const sources = (await listSources(ctx.redis, ctx.keys)).filter((s) => s.kind !== 'link' && inScope(req, s.units));
    const withUse = await Promise.all(sources.map(async (s) => ({ ...s, lastUsedAt: (await readFeedStatus(ctx.redis, ctx.keys, s.id)).lastSeenAt })));
    res.json({ sources: withUse });
  });

  router.post('/api/v1/sources', express.json({ limit: '16kb' }), guard(ctx, 'admin'), async (req, res) => {
    const { authority, ...input } = parse(newSource, req.body);
    checkScope(req, input);
    if (await getSource(ctx.redis, ctx.keys, sourceIdOf(input.name))) throw new HttpError(409, 'conflict', 'a source with this name exists; rotate its token instead');
    const settled = await settleSourceAuthority(ctx, { id: sourceIdOf(input.name), units: input.units, indicators: input.indicators }, authority);
    const { source, token } = await createSource(ctx.redis, ctx.keys, input);
    const final = await settled.apply(source);
    await audit(ctx, req, 'source.create', source.id, { after: final, ...settled.detail });
    res.status(201).json({ source: final, token });
  });

  router.patch('/api/v1/sources/:id', express.json({ limit: '16kb' }), guard(ctx, 'admin'), async (req, res) => {
    const before = await existing(req);
    const { authority, deadline, ...change } = parse(sourceChange, req.body);
    checkScope(req, change);
    if (change.name !== undefined && (await nameTaken(change.name, before.id))) throw new HttpError(409, 'conflict', `a source named '${change.name}' exists`);
    const { deadline: _old, ...rest } = before;
    const changed: SourceRecord = { ...rest, ...change, ...(deadline === null ? {} : { deadline: deadline ?? before.deadline }) };
    if (changed.deadline === undefined) delete changed.deadline;
    // a new name or deadline alone leaves the scope, and so its authority, as it was
    const sameScope = JSON.stringify([changed.units, changed.indicators]) === JSON.stringify([before.units, before.indicators]);
    const settled = sameScope && !authority ? NOTHING_TO_SETTLE : await settleSourceAuthority(ctx, changed, authority);
    await saveSources(ctx.redis, ctx.keys, [changed]);
    const after = await settled.apply(changed);
    await audit(ctx, req, 'source.update', before.id, { before, after, ...settled.detail });
    res.json({ source: after });
  });

  router.delete('/api/v1/sources/:id', guard(ctx, 'admin'), async (req, res) => {
    const before = await existing(req);
    await deleteSource(ctx.redis, ctx.keys, before.id);
    await audit(ctx, req, 'source.delete', before.id, { before });
    res.json({ ok: true });
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
