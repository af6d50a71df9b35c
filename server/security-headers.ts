import helmet from 'helmet';

/**
 * Security headers (helmet) with a Content Security Policy that the dashboard needs and no more: everything from this
 * instance ('self'), MapLibre's worker ('self' and blob:), canvas images as data:/blob:, the socket on the same origin.
 * No remote scripts, fonts or tiles. HSTS is left to the TLS proxy in front (this server speaks plain HTTP).
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
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
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  });
}
