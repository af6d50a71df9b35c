import { appendChange, retentionOf } from '../../store/changes.repo';
import type { ServerContext } from '../context';

/**
 * Revocations travel on the change stream, like every state change, so every server instance disconnects the
 * sockets of a revoked display token or a disabled user within a tick (the relay reads them).
 */
export interface Revocation {
  display?: string;
  user?: string;
}

export async function announceRevocation(ctx: ServerContext, r: Revocation): Promise<void> {
  await appendChange(ctx.redis.multi(), ctx.keys, retentionOf(ctx.config), { src: 'access', revoke: JSON.stringify(r) }).exec();
}
