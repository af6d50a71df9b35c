/**
 * What this page proves itself with (docs/api.md "Access"): the session cookie goes by itself; the CSRF token of that
 * session goes with every change; a wall screen opened with `?display=<token>` sends that token instead, on REST
 * (`X-Display-Token`) and on the socket handshake. The display token is kept for this tab only (sessionStorage), so it
 * leaves the visible URL and survives a reload of the wall.
 */
const DISPLAY_KEY = 'ioc.display';

let csrf: string | null = null;
let display: string | null = readDisplay();

function readDisplay(): string | null {
  try {
    return window.sessionStorage.getItem(DISPLAY_KEY);
  } catch {
    return null; // storage may be disabled on kiosk browsers: the token then lives as long as the page
  }
}

export function displayToken(): string | null {
  return display;
}

export function setDisplayToken(token: string | null): void {
  display = token && token.trim() ? token.trim() : null;
  try {
    if (display) window.sessionStorage.setItem(DISPLAY_KEY, display);
    else window.sessionStorage.removeItem(DISPLAY_KEY);
  } catch {
    // see readDisplay
  }
}

export function setCsrfToken(token: string | null): void {
  csrf = token;
}

/** Headers for a request: the display token always, the CSRF token on changes. */
export function credentialHeaders(method: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (display) out['x-display-token'] = display;
  if (csrf && !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase())) out['x-csrf-token'] = csrf;
  return out;
}

type Listener = (url: string) => void;
const listeners = new Set<Listener>();

/** Called when a read is refused for want of a session or a valid display token (HTTP 401, socket `unauthorized`). */
export function onUnauthorized(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportUnauthorized(url: string): void {
  for (const listener of listeners) listener(url);
}
