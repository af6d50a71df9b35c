import type { Express } from 'express';
import type { Permission } from '../../core/access/principal';

export interface RouteEntry {
  method: string;
  path: string;
  /** The permission its guard checks; undefined when the route has no guard (the access matrix test fails then). */
  permission: Permission | undefined;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean>; stack: { handle: { permission?: Permission } }[] };
  handle?: { stack?: Layer[] };
}

/** Every REST route of the app, with the permission its guard checks: the access matrix is built from this list. */
export function routeTable(app: Express): RouteEntry[] {
  const out: RouteEntry[] = [];
  const walk = (layers: Layer[]) => {
    for (const l of layers) {
      if (l.route) {
        const permission = l.route.stack.map((s) => s.handle.permission).find((p) => p !== undefined);
        for (const m of Object.keys(l.route.methods)) out.push({ method: m.toUpperCase(), path: l.route.path, permission });
      } else if (l.handle?.stack) walk(l.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}
