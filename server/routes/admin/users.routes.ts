import express, { Router } from 'express';
import { z } from 'zod';
import { ROLES } from '../../../core/access/principal';
import { hashPassword } from '../../../platform/password';
import { createUser, deleteUser, getUser, listUsers, publicUser, saveUser } from '../../../store/users.repo';
import { audit } from '../../auth/audit';
import { guard } from '../../auth/guard';
import type { ServerContext } from '../../context';
import { HttpError } from '../../http-errors';
import { announceRevocation } from '../../realtime/revocations';

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

/** Admins manage the users of their scope: list, create, change role/scope/password, disable, delete; all audited. */
export function usersRouter(ctx: ServerContext): Router {
  const router = Router();
  const unitOk = (code: string) => {
    if (!ctx.domain.registry.has(code)) throw new HttpError(400, 'bad_request', `unknown unit '${code}' for scope`);
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
    await audit(ctx, req, 'user.create', user.username, { after: publicUser(user) });
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
    const after = { ...before, ...rest, ...(pw ? { passwordHash: await hashPassword(pw) } : {}) };
    await saveUser(ctx.redis, ctx.keys, after);
    // a disabled user, or one whose role or scope changed, loses the sockets opened with the old rights at once
    if (after.disabled || after.role !== before.role || after.scope !== before.scope) await announceRevocation(ctx, { user: before.id });
    await audit(ctx, req, 'user.update', after.username, { before: publicUser(before), after: publicUser(after), passwordChanged: Boolean(pw) });
    res.json({ user: publicUser(after) });
  });

  router.delete('/api/v1/users/:username', guard(ctx, 'admin'), async (req, res) => {
    const before = await existing(String(req.params.username));
    if (req.principal.kind !== 'user' || !ctx.domain.registry.isWithin(before.scope, req.principal.scope)) {
      throw new HttpError(403, 'forbidden', `user '${before.username}' is outside your scope`);
    }
    if (req.principal.username === before.username) throw new HttpError(400, 'bad_request', 'you cannot delete yourself');
    await deleteUser(ctx.redis, ctx.keys, before.username);
    await announceRevocation(ctx, { user: before.id });
    await audit(ctx, req, 'user.delete', before.username, { before: publicUser(before) });
    res.json({ ok: true });
  });
  return router;
}
