import type { NextFunction, Request, Response } from 'express';
import type { CredentialRefusal, Principal } from '../../core/access/principal';
import { displayForToken } from '../../store/displays.repo';
import { renderGrantFor } from '../../store/reports.repo';
import { readSession, type SessionRecord } from '../../store/sessions.repo';
import { getUser } from '../../store/users.repo';
import type { ServerContext } from '../context';

export const SESSION_COOKIE = 'ioc_session';
export const DISPLAY_HEADER = 'x-display-token';

declare module 'express-serve-static-core' {
  interface Request {
    principal: Principal;
    session?: SessionRecord & { token: string };
    /** Why the credential the request sent was refused (it is then anonymous). */
    refused?: CredentialRefusal;
  }
}

/** Reads one cookie from a Cookie header (no cookie parser needed for one name). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export interface FoundPrincipal {
  principal: Principal;
  session?: SessionRecord & { token: string };
  /** A credential was sent but gave no principal: why (the principal is then anonymous). */
  refused?: CredentialRefusal;
}

/**
 * Who is asking, from a session cookie (a user) or a display token (a wall screen). Shared by REST and the socket
 * handshake, so both see the same principal.
 */
export async function principalFrom(
  ctx: ServerContext,
  cookieHeader: string | undefined,
  displayToken: string | undefined,
): Promise<FoundPrincipal> {
  const token = cookieValue(cookieHeader, SESSION_COOKIE);
  let refused: CredentialRefusal | undefined;
  if (token) {
    const session = await readSession(ctx.redis, ctx.keys, token);
    const user = session ? await getUser(ctx.redis, ctx.keys, session.username) : undefined;
    // the session belongs to one user record and one session epoch: a new user given a deleted user's name, or the
    // same user after a new password, role, scope or being disabled, does not inherit it
    if (session && user && !user.disabled && session.userId === user.id && session.epoch === (user.sessionEpoch ?? 0)) {
      return {
        principal: { kind: 'user', id: user.id, username: user.username, role: user.role, scope: user.scope },
        session: { ...session, token },
      };
    }
    refused = session && user?.disabled ? 'user_disabled' : 'session_expired';
  }
  if (displayToken) {
    // the reports renderer's print page (docs/reports.md): read-only like a wall, the report's scope, minutes long
    const grant = await renderGrantFor(ctx, displayToken);
    if (grant) return { principal: { kind: 'display', id: `render:${grant.report}`, name: `report ${grant.report}`, role: 'viewer', scope: grant.scope, scenes: [] } };
    const d = await displayForToken(ctx.redis, ctx.keys, displayToken);
    if (d) return { principal: { kind: 'display', id: d.id, name: d.name, role: 'viewer', scope: d.scope, scenes: d.scenes } };
    refused = 'display_revoked';
  }
  return refused ? { principal: { kind: 'anonymous' }, refused } : { principal: { kind: 'anonymous' } };
}

export function principalMiddleware(ctx: ServerContext) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const found = await principalFrom(ctx, req.get('cookie'), req.get(DISPLAY_HEADER));
    req.principal = found.principal;
    if (found.session) req.session = found.session;
    if (found.refused) req.refused = found.refused;
    next();
  };
}

/** Who did it, for the audit log. */
export function actorOf(p: Principal): string {
  return p.kind === 'user' ? p.username : p.kind === 'display' ? `display:${p.name}` : 'anonymous';
}
