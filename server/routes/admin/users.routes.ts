import express, { Router } from 'express';
import { z } from 'zod';
import { ROLES } from '../../../core/access/principal';
import { hashPassword } from '../../../platform/password';
import { createUser, deleteUser, getUser, listUsers, publicUser, saveUser, withNewSessionEpoch } from '../../../store/users.repo';
import { audit, commonScope } from '../../auth/audit';
import { changeEndsSessions, endSessions } from '../../auth/end-sessions';
import { guard } from '../../auth/guard';
import { SESSION_COOKIE } from '../../auth/principal.middleware';
import type { ServerContext } from '../../context';
import { HttpError } from '../../http-errors';

const role = z.enum(ROLES as unknown as [string, ...string[]]) as z.ZodType<(typeof ROLES)[number]>;
const password = z.string().min(12, 'at least 12 characters').max(256);
const newUser = z.object({
  username: z.string().regex(/^[a-z0-9._-]{3,32}$/i, '3–32 letters, digits, . _ -'),
  displayName: z.string().min(1).max(100),
  role,
  scope: z.string().min(2).max(16),
  password,
});
const patch = z.object({ displayName: z.string().min(1).max(100), role, scope: z.string().min(2).max(16), password, disabled: z.boolean() }).partial();

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw new HttpError(400, 'bad_request', 'invalid user', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return r.data;
}

/**
 * Admins manage the users of their scope: list, create, change role/scope/password, disable, delete; all audited (in
 * the scope of the user changed). A new password, role or scope, being disabled or deleted ends every session and
 * socket of the user at once — an admin's own too, when they change themselves (they sign in again).
 */
export function usersRouter(ctx: ServerContext): Router {
  const router = Router();
  const unitOk = (code: string) => {
    if (!ctx.domain.registry.has(code)) throw new HttpError(400, 'unknown_unit', `unknown unit '${code}' for scope`);
  };
  const existing = async (username: string) => {
    const u = await getUser(ctx.redis, ctx.keys, username);
    if (!u) throw new HttpError(404, 'not_found', `no user '${username}'`);
    return u;
  };
  const scopeOfUser = (req: express.Request) => (req.body as { scope?: string })?.scope;

  router.get('/api/v1/users', guard(ctx, 'admin'), async (req, res) => {
    const scope = req.principal.kind === 'user' ? req.principal.scope : 'VN';
    const users = (await listUsers(ctx.redis, ctx.keys)).filter((u) => ctx.domain.registry.isWithin(u.scope, scope));
    res.json({ users: users.map(publicUser) });
  });

  router.post('/api/v1/users', express.json({ limit: '8kb' }), guard(ctx, 'admin', scopeOfUser), async (req, res) => {
    const input = parse(newUser, req.body);
    unitOk(input.scope);
    const { password: pw, ...rest } = input;
    const user = await createUser(ctx.redis, ctx.keys, { ...rest, passwordHash: await hashPassword(pw) });
    if (!user) throw new HttpError(409, 'conflict', `username '${input.username}' is taken`);
    await audit(ctx, req, 'user.create', user.username, { after: publicUser(user) }, { scope: user.scope });
    res.status(201).json({ user: publicUser(user) });
  });

  router.patch('/api/v1/users/:username', express.json({ limit: '8kb' }), guard(ctx, 'admin', scopeOfUser), async (req, res) => {
    const before = await existing(String(req.params.username));
    if (req.principal.kind !== 'user' || !ctx.domain.registry.isWithin(before.scope, req.principal.scope)) {
      throw new HttpError(403, 'forbidden', `user '${before.username}' is outside your scope`);
    }
    const change = parse(patch, req.body);
    if (change.scope) unitOk(change.scope);
    const { password: pw, ...rest } = change;
    const changed = { ...before, ...rest, ...(pw ? { passwordHash: await hashPassword(pw) } : {}) };
    const ends = changeEndsSessions(before, changed, Boolean(pw));
    const after = ends ? withNewSessionEpoch(changed) : changed;
    await saveUser(ctx.redis, ctx.keys, after);
    if (ends) await endSessions(ctx, before.id);
    const scope = commonScope(ctx, before.scope, after.scope);
    await audit(ctx, req, 'user.update', after.username, { before: publicUser(before), after: publicUser(after), passwordChanged: Boolean(pw) }, { scope });
    if (ends && req.principal.username === before.username) res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.json({ user: publicUser(after), sessionsEnded: ends });
  });

  router.delete('/api/v1/users/:username', guard(ctx, 'admin'), async (req, res) => {
    const before = await existing(String(req.params.username));
    if (req.principal.kind !== 'user' || !ctx.domain.registry.isWithin(before.scope, req.principal.scope)) {
      throw new HttpError(403, 'forbidden', `user '${before.username}' is outside your scope`);
    }
    if (req.principal.username === before.username) throw new HttpError(400, 'bad_request', 'you cannot delete yourself');
    await deleteUser(ctx.redis, ctx.keys, before.username);
    await endSessions(ctx, before.id);
    await audit(ctx, req, 'user.delete', before.username, { before: publicUser(before) }, { scope: before.scope });
    res.json({ ok: true });
  });
  return router;
}
