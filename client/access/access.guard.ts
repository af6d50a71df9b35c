import type { Router } from 'vue-router';
import { displayToken, onUnauthorized, setDisplayToken } from '../api/credentials';
import { startRealtime } from '../realtime/realtime';
import { reconnectSocket, stopSocket } from '../realtime/socket';
import { useSessionStore } from '../stores/session.store';
import { safeNext } from './safe-next';
import { isProvinceCode } from '../../core/units/unit-code';

declare module 'vue-router' {
  interface RouteMeta {
    /** Shown without signing in (the login page). */
    public?: boolean;
    /** Admins only (users, sources, displays, audit, contact points). */
    admin?: boolean;
  }
}

/**
 * Access on the client (the server decides anyway): who we are is known before the first screen; `?display=` is kept
 * for this tab and taken out of the visible URL; nobody signed in goes to /login with `next`, a wall screen whose token
 * is refused shows the revoked notice instead; admin pages are for admins. Call after Pinia, before `app.use(router)`.
 */
export function installAccessGuard(router: Router): void {
  const session = useSessionStore();

  router.beforeEach(async (to) => {
    const token = to.query.display;
    if (typeof token === 'string') {
      setDisplayToken(token);
      const { display: _taken, ...query } = to.query;
      await session.load(true).catch(() => undefined);
      return { path: to.path, query, hash: to.hash, replace: true };
    }
    // The server not answering is not a reason to sign in again: the page shows itself offline and retries.
    await session.load().catch(() => undefined);
    if (to.meta.public) return to.name === 'login' && session.user ? safeNext(to.query.next) : true;
    if (session.revoked) return true; // App.vue shows the notice, not the route
    if (session.loaded && !session.signedIn) {
      if (displayToken() !== null) {
        session.markRevoked();
        return true;
      }
      return { name: 'login', query: { next: to.fullPath }, replace: true };
    }
    if (to.meta.admin && session.loaded && !session.isAdmin) return { name: 'forbidden', query: { from: to.path }, replace: true };
    // the national overview is the nation's: someone whose scope is a province starts on that province's scene
    const scope = session.principal.kind === 'anonymous' ? 'VN' : session.principal.scope;
    if (to.name === 'national' && isProvinceCode(scope)) return { path: `/province/${scope}`, query: to.query, replace: true };
    startRealtime();
    return true;
  });

  let checking = false;
  onUnauthorized((source) => {
    if (displayToken() !== null || session.principal.kind === 'display') {
      stopSocket();
      session.markRevoked();
      return;
    }
    if (checking || router.currentRoute.value.meta.public) return;
    checking = true;
    session
      .load(true)
      .then(() => {
        if (session.signedIn) {
          if (source === 'socket') reconnectSocket(); // the socket's handshake predates this session
          return;
        }
        stopSocket();
        const next = router.currentRoute.value.fullPath;
        return router.replace({ name: 'login', query: { next } });
      })
      .catch(() => undefined)
      .finally(() => {
        checking = false;
      });
  });
}
