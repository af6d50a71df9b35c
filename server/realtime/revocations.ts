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
  await ctx.redis.xadd(ctx.keys.changes(), 'MAXLEN', '~', ctx.config.CHANGES_MAXLEN, '*', 'src', 'access', 'revoke', JSON.stringify(r));
}
