import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { decide, type Permission } from '../../core/access/principal';
import type { ServerContext } from '../context';
import { AccessError, HttpError } from '../http-errors';

/** A handler that carries the permission it checks, so the access matrix test can find routes without one. */
export type GuardHandler = RequestHandler & { permission: Permission };

/**
 * The check every route makes: `guard(ctx, 'read', req => req.query.scope)`. The target is the unit the request
 * touches (undefined when none). Changes made with a session cookie must also carry the session's CSRF token.
 */
export function guard(ctx: ServerContext, permission: Permission, target?: (req: Request) => string | undefined): GuardHandler {
  const handler = (req: Request, _res: Response, next: NextFunction): void => {
    const t = target?.(req);
    if (t !== undefined && (typeof t !== 'string' || !ctx.domain.registry.has(t))) {
      // a read of a unit that does not exist is a 404; a body naming one is a bad request
      const read = req.method === 'GET' || req.method === 'HEAD';
      return next(new HttpError(read ? 404 : 400, read ? 'not_found' : 'unknown_unit', `unknown unit '${String(t)}'`));
    }
    const decision = decide(req.principal, permission, t, (code, scope) => ctx.domain.registry.isWithin(code, scope), req.refused);
    if (!decision.ok) return next(new AccessError(decision));
    const changes = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
    if (changes && permission !== 'public' && req.session && req.get('x-csrf-token') !== req.session.csrf) {
      return next(new HttpError(403, 'csrf', 'missing or wrong X-CSRF-Token for this session'));
    }
    next();
  };
  return Object.assign(handler, { permission });
}
