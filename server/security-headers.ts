import helmet from 'helmet';

/**
 * Security headers (helmet) with a Content Security Policy that the dashboard needs and no more: everything from this
 * instance ('self'), MapLibre's worker ('self' and blob:), canvas images as data:/blob:, the socket on the same origin.
 * No remote scripts, fonts or tiles. HSTS is left to the TLS proxy in front (this server speaks plain HTTP).
 */
const APP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'child-src': ["'self'", 'blob:'],
  'img-src': ["'self'", 'data:', 'blob:'],
  'style-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
};

export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: APP_DIRECTIVES },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  });
}

/**
 * The policy of the queue dashboard's page only (bull-board, docs/operations.md): the app's, plus the SHA-256 hashes
 * of the inline styles that page carries (a `<style>` element, `style` attributes of its loading placeholder). No
 * inline script, no remote host; every other page keeps the app's policy.
 */
export function queueDashboardPageCsp(styleHashes: readonly string[], styleAttrHashes: readonly string[]): string {
  const hashed = (hashes: readonly string[]) => hashes.map((h) => `'sha256-${h}'`);
  const directives: Record<string, string[]> = { ...APP_DIRECTIVES, 'style-src': [...APP_DIRECTIVES['style-src']!, ...hashed(styleHashes)] };
  if (styleAttrHashes.length > 0) directives['style-src-attr'] = ["'unsafe-hashes'", ...hashed(styleAttrHashes)];
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
