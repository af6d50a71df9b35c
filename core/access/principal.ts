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

export type Decision = { ok: true } | { ok: false; status: 401 | 403; reason: string };

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
): Decision {
  if (perm === 'public') return { ok: true };
  if (p.kind === 'anonymous') return { ok: false, status: 401, reason: 'sign in first' };
  if (perm !== 'read') {
    if (p.kind === 'display') return { ok: false, status: 403, reason: 'a wall-screen token is read-only' };
    if (RANK[p.role] < RANK[NEEDS[perm]]) return { ok: false, status: 403, reason: `this needs the ${NEEDS[perm]} role` };
  }
  if (target !== undefined && !isWithin(target, p.scope)) {
    return { ok: false, status: 403, reason: `${target} is outside your scope (${p.scope})` };
  }
  return { ok: true };
}

export function scopeOf(p: Principal): string | undefined {
  return p.kind === 'anonymous' ? undefined : p.scope;
}
