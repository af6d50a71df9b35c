import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../platform/password';
import { appendAudit } from '../../store/audit.repo';
import { countUsers, createUser } from '../../store/users.repo';
import type { ServerContext } from '../context';

/**
 * On the first start (no users yet), creates the admin of the whole country with ADMIN_PASSWORD or a one-time
 * password, which is returned so that it can be printed once. Safe with several servers: only one creates it.
 */
export async function ensureFirstAdmin(ctx: ServerContext): Promise<{ username: string; password: string; generated: boolean } | undefined> {
  if ((await countUsers(ctx.redis, ctx.keys)) > 0) return undefined;
  const generated = !ctx.config.ADMIN_PASSWORD;
  const password = ctx.config.ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
  const user = await createUser(ctx.redis, ctx.keys, {
    username: 'admin',
    displayName: 'Quản trị hệ thống',
    role: 'admin',
    scope: 'VN',
    passwordHash: await hashPassword(password),
  });
  if (!user) return undefined;
  await appendAudit(ctx.redis, ctx.keys, { at: Date.now(), actor: 'system', ip: '', action: 'user.create', target: 'admin', scope: 'VN', detail: { firstStart: true } });
  return { username: user.username, password, generated };
}
