/**
 * Who is asking, and what they may do (DESIGN §9). Pure: the server's middleware finds the principal; this module
 * decides. Every REST route and socket event names one Permission, checked here and nowhere else.
 */
export type Role = 'viewer' | 'operator' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'operator', 'admin'];

export type Principal =
  | { kind: 'user'; id: string; username: string; role: Role; scope: string }
  /** A wall screen: read-only, bound to a scope and a list of scenes, revocable. */
  | { kind: 'display'; id: string; name: string; role: 'viewer'; scope: string; scenes: string[] }
  | { kind: 'anonymous' };

/**
 * - public: anyone (health, login, the catalog and unit list, map files);
 * - read: a signed-in user or a display, within its scope;
 * - operate: an operator or admin, within scope (acknowledge alerts, edit thresholds);
 * - admin: an admin, within scope (users, sources, displays, audit).
 */
export type Permission = 'public' | 'read' | 'operate' | 'admin';

/**
 * Why access was refused, as a stable code (docs/api.md "Errors"): HTTP answers carry it as `error.access`, socket
 * acks likewise, `access:revoked` and a refused handshake as `code`.
 * - no_session: no credential at all; session_expired: a session cookie that names no live session (expired, signed
 *   out, or ended by a new password, role or scope); user_disabled: the session's user is disabled;
 *   display_revoked: a display token that is unknown or revoked;
 * - display_read_only: a wall-screen token asked to change something; role_required: the user's role is too low;
 *   out_of_scope: the unit asked for is outside the principal's scope.
 */
export type AccessCode =
  | 'no_session'
  | 'session_expired'
  | 'user_disabled'
  | 'display_revoked'
  | 'display_read_only'
  | 'role_required'
  | 'out_of_scope';
export const ACCESS_CODES: readonly AccessCode[] = [
  'no_session',
  'session_expired',
  'user_disabled',
  'display_revoked',
  'display_read_only',
  'role_required',
  'out_of_scope',
];

/** Why a credential that was sent did not give a principal (the request is then anonymous). */
export type CredentialRefusal = Extract<AccessCode, 'session_expired' | 'user_disabled' | 'display_revoked'>;

export type Decision = { ok: true } | { ok: false; status: 401 | 403; code: AccessCode; reason: string };

const SIGN_IN: Record<CredentialRefusal | 'no_session', string> = {
  no_session: 'sign in first',
  session_expired: 'your session has ended; sign in again',
  user_disabled: 'this user is disabled',
  display_revoked: 'unknown or revoked display token',
};

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
const NEEDS: Record<Exclude<Permission, 'public' | 'read'>, Role> = { operate: 'operator', admin: 'admin' };

/**
 * May `p` do `perm` on `target` (a unit code, or undefined when the action has no unit)? `isWithin(code, scope)`
 * is the unit registry's test that `code` is `scope` or lies below it.
 */
export function decide(
  p: Principal,
  perm: Permission,
  target: string | undefined,
  isWithin: (code: string, scope: string) => boolean,
  /** For an anonymous principal: why the credential it sent was refused, if it sent one. */
  refused?: CredentialRefusal,
): Decision {
  if (perm === 'public') return { ok: true };
  if (p.kind === 'anonymous') return { ok: false, status: 401, code: refused ?? 'no_session', reason: SIGN_IN[refused ?? 'no_session'] };
  if (perm !== 'read') {
    if (p.kind === 'display') return { ok: false, status: 403, code: 'display_read_only', reason: 'a wall-screen token is read-only' };
    if (RANK[p.role] < RANK[NEEDS[perm]]) return { ok: false, status: 403, code: 'role_required', reason: `this needs the ${NEEDS[perm]} role` };
  }
  if (target !== undefined && !isWithin(target, p.scope)) {
    return { ok: false, status: 403, code: 'out_of_scope', reason: `${target} is outside your scope (${p.scope})` };
  }
  return { ok: true };
}

export function scopeOf(p: Principal): string | undefined {
  return p.kind === 'anonymous' ? undefined : p.scope;
}
