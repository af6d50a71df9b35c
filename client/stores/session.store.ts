import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Principal, Role } from '../../core/access/principal';
import { displayToken, setCsrfToken } from '../api/credentials';
import { getJson, sendJson } from '../api/http';

interface MeAnswer {
  principal: Principal;
  csrfToken: string | null;
  expiresAt: number | null;
}

interface LoginAnswer {
  user: { username: string; displayName: string; role: Role; scope: string; id: string };
  csrfToken: string;
  expiresAt: number;
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/**
 * Who this page is (DESIGN §9): a signed-in user, a wall screen's display token, or nobody yet. Loaded from
 * `GET /api/v1/auth/me` before the first route is shown; the CSRF token goes to the HTTP client. The server decides
 * every request anyway: this only hides what the user may not do and sends them to sign in.
 */
export const useSessionStore = defineStore('session', () => {
  const principal = shallowRef<Principal>({ kind: 'anonymous' });
  const expiresAt = ref<number | null>(null);
  const loaded = ref(false);
  /** The display token of this screen was refused (unknown or revoked): the page shows only that. */
  const revoked = ref(false);
  let loading: Promise<void> | null = null;

  const user = computed(() => (principal.value.kind === 'user' ? principal.value : null));
  const isDisplay = computed(() => principal.value.kind === 'display' || (displayToken() !== null && principal.value.kind === 'anonymous'));
  const signedIn = computed(() => principal.value.kind !== 'anonymous');
  const isAdmin = computed(() => user.value?.role === 'admin');

  /** May this page's user do what needs `role` (operate: operator; admin)? Display screens never may. */
  function can(role: Role): boolean {
    return user.value !== null && RANK[user.value.role] >= RANK[role];
  }

  function apply(p: Principal, csrf: string | null, expires: number | null): void {
    principal.value = p;
    expiresAt.value = expires;
    setCsrfToken(csrf);
    loaded.value = true;
  }

  /** Ask the server who we are (once unless `force`); a display token it does not know marks the screen revoked. */
  function load(force = false): Promise<void> {
    if (loading && !force) return loading;
    loading = getJson<MeAnswer>('/api/v1/auth/me')
      .then((me) => {
        apply(me.principal ?? { kind: 'anonymous' }, me.csrfToken, me.expiresAt);
        if (displayToken() && me.principal?.kind !== 'user' && me.principal?.kind !== 'display') revoked.value = true;
      })
      .catch((e: unknown) => {
        loading = null; // the server was not reachable: try again at the next navigation
        throw e;
      });
    return loading;
  }

  async function login(username: string, password: string): Promise<void> {
    const answer = await sendJson<LoginAnswer>('POST', '/api/v1/auth/login', { username, password });
    const u = answer.user;
    apply({ kind: 'user', id: u.id, username: u.username, role: u.role, scope: u.scope }, answer.csrfToken, answer.expiresAt);
    loading = Promise.resolve();
  }

  async function logout(): Promise<void> {
    try {
      await sendJson<{ ok: boolean }>('POST', '/api/v1/auth/logout');
    } finally {
      forget();
    }
  }

  /** The session is gone (expired, signed out, user disabled): anonymous from now on. */
  function forget(): void {
    apply({ kind: 'anonymous' }, null, null);
    loading = Promise.resolve();
  }

  function markRevoked(): void {
    revoked.value = true;
  }

  return { principal, expiresAt, loaded, revoked, user, isDisplay, signedIn, isAdmin, can, load, login, logout, forget, markRevoked };
});
