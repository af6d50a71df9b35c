import { endUserSessions } from '../../store/sessions.repo';
import type { UserRecord } from '../../store/users.repo';
import type { ServerContext } from '../context';
import { announceRevocation } from '../realtime/revocations';

/** What the CLI can give as well as the server: the revocation is published with these. */
export type SessionsContext = Pick<ServerContext, 'redis' | 'keys' | 'config'>;

/**
 * Does this change of a user end their sessions? A new password, being disabled, a new role or a new scope do: the
 * sessions (and sockets) opened with the old credentials or rights must not outlive them. A new display name does not.
 */
export function changeEndsSessions(before: UserRecord, after: UserRecord, passwordChanged: boolean): boolean {
  return passwordChanged || (after.disabled === true && before.disabled !== true) || after.role !== before.role || after.scope !== before.scope;
}

/**
 * Ends every session of a user record at once (REST: the session keys are deleted) and disconnects its sockets on every
 * server instance (the revocation goes on the change stream; server/realtime/relay.ts acts on it). The caller raises
 * the user's session epoch first (withNewSessionEpoch), so a session opened during the change is refused too.
 */
export async function endSessions(ctx: SessionsContext, userId: string): Promise<void> {
  await endUserSessions(ctx.redis, ctx.keys, userId);
  // announceRevocation reads only redis, keys and config of the context (the CLI has no full server context)
  await announceRevocation(ctx as ServerContext, { user: userId });
}
