import type { Request } from 'express';
import { appendAudit } from '../../store/audit.repo';
import type { ServerContext } from '../context';
import { actorOf } from './principal.middleware';

/** Records a security event or change made through a request: who, when, from where. */
export async function audit(
  ctx: ServerContext,
  req: Request,
  action: string,
  target: string,
  detail?: Record<string, unknown>,
  actor = actorOf(req.principal),
): Promise<void> {
  await appendAudit(ctx.redis, ctx.keys, { at: Date.now(), actor, ip: req.ip ?? '', action, target, ...(detail ? { detail } : {}) });
}
