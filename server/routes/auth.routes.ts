import express, { Router } from 'express';
import { z } from 'zod';
import { dummyHash, verifyPassword } from '../../platform/password';
import { closeSession, openSession } from '../../store/sessions.repo';
import { getUser, publicUser } from '../../store/users.repo';
import { audit } from '../auth/audit';
import { guard } from '../auth/guard';
import { SESSION_COOKIE } from '../auth/principal.middleware';
import type { ServerContext } from '../context';
import { HttpError } from '../http-errors';
import { ipKeyGenerator, sharedLimit } from '../rate-limit';

export const SESSION_TTL_MS = 12 * 3600_000;
const login = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });

/** The username a sign-in attempt names, for the rate limit's key: '' when the body holds no string there. */
const attemptedName = (body: unknown): string => {
  const name = (body as { username?: unknown } | undefined)?.username;
  return typeof name === 'string' ? name.slice(0, 64).toLowerCase() : '';
};

/** Login (rate-limited), logout, and who am I. Sessions live in an httpOnly, SameSite=Strict cookie. */
export function authRouter(ctx: ServerContext): Router {
  const router = Router();
  // failed attempts count, on every server of the installation; a successful sign-in does not use up the allowance
  const limiter = sharedLimit(ctx, {
    name: 'login',
    windowMs: 15 * 60_000,
    limit: 10,
    skipSuccessfulRequests: true,
    client: (req) => `${ipKeyGenerator(req.ip ?? '')}|${attemptedName(req.body)}`,
    message: 'too many sign-in attempts; wait 15 minutes',
  });

  router.post('/api/v1/auth/login', express.json({ limit: '4kb' }), limiter, guard(ctx, 'public'), async (req, res) => {
    const body = login.safeParse(req.body);
    if (!body.success) {
      throw new HttpError(400, 'bad_request', 'send { username, password } as strings', body.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`));
    }
    const name = body.data.username.toLowerCase();
    const user = await getUser(ctx.redis, ctx.keys, name);
    const ok = user && !user.disabled ? await verifyPassword(user.passwordHash, body.data.password) : await verifyPassword(await dummyHash(), 'x');
    // a failed sign-in of an existing user concerns that user's scope; one of an unknown name, the nation's
    if (!user || !ok) {
      await audit(ctx, req, 'login.failure', name, undefined, { actor: name, ...(user ? { scope: user.scope } : {}) });
      throw new HttpError(401, 'unauthorized', 'wrong username or password');
    }
    const { token, session } = await openSession(ctx.redis, ctx.keys, user, SESSION_TTL_MS);
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, maxAge: SESSION_TTL_MS, path: '/' });
    await audit(ctx, req, 'login.success', user.username, undefined, { actor: user.username, scope: user.scope });
    res.json({ user: publicUser(user), csrfToken: session.csrf, expiresAt: session.expiresAt });
  });

  router.post('/api/v1/auth/logout', guard(ctx, 'read'), async (req, res) => {
    if (req.session) await closeSession(ctx.redis, ctx.keys, req.session.token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    await audit(ctx, req, 'logout', req.session?.username ?? '');
    res.json({ ok: true });
  });

  router.get('/api/v1/auth/me', guard(ctx, 'public'), (req, res) => {
    const p = req.principal;
    const scopeUnit = p.kind === 'anonymous' ? null : (ctx.domain.registry.get(p.scope) ?? null);
    res.json({ principal: p, scopeUnit, csrfToken: req.session?.csrf ?? null, expiresAt: req.session?.expiresAt ?? null });
  });
  return router;
}
