import type { Request } from 'express';
import { scopeOf } from '../../core/access/principal';
import { NATION } from '../../core/units/registry';
import { appendAudit, type AuditEntry } from '../../store/audit.repo';
import type { ServerContext } from '../context';
import { actorOf } from './principal.middleware';

export interface AuditOptions {
  /** Who did it, when not the request's principal (a sign-in names the user signing in). */
  actor?: string;
  /** The scope the entry concerns (who may read it); the actor's scope when not given, the nation's for anonymous. */
  scope?: string;
}

/** Records a security event or change made through a request: who, when, from where, and the scope it concerns. */
export async function audit(
  ctx: ServerContext,
  req: Request,
  action: string,
  target: string,
  detail?: Record<string, unknown>,
  opts: AuditOptions = {},
): Promise<void> {
  const scope = opts.scope ?? scopeOf(req.principal) ?? NATION;
  const actor = opts.actor ?? actorOf(req.principal);
  await appendAudit(ctx.redis, ctx.keys, { at: Date.now(), actor, ip: req.ip ?? '', action, target, scope, ...(detail ? { detail } : {}) });
}

/** The narrowest scope holding all of `codes` (a user moved from 48 to 01 concerns the nation). */
export function commonScope(ctx: Pick<ServerContext, 'domain'>, ...codes: string[]): string {
  const { registry } = ctx.domain;
  const [first, ...rest] = codes;
  if (first === undefined) return NATION;
  for (const candidate of [first, ...registry.ancestors(first)]) {
    if (rest.every((c) => registry.isWithin(c, candidate))) return candidate;
  }
  return NATION;
}

/**
 * Which audit entries a reader of `scope` may see: those whose scope lies within it. Entries written before entries
 * carried a scope (and those of no unit) are the nation's: only national admins see them.
 */
export function auditVisibleTo(ctx: Pick<ServerContext, 'domain'>, scope: string): ((e: AuditEntry) => boolean) | undefined {
  if (scope === NATION) return undefined;
  return (e) => ctx.domain.registry.isWithin(e.scope ?? NATION, scope);
}
