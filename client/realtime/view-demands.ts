import type { ViewRequest } from '../../core/contract/metrics';

/**
 * The page has one socket and the server keeps one view per scope per socket, so everything on screen that watches
 * the same scope must share one subscription. Each screen part states what it needs under its own key (the national
 * map, the 766 ranking…); the subscription is the union of the needs for one scope: the preferred scope (a wall
 * screen sets it per scene) or else the scope of the newest need. Needs for other scopes wait their turn.
 */
export class ViewDemands {
  private readonly needs = new Map<string, ViewRequest>();
  private preferred: string | null = null;

  /** Set (or with null, drop) the need registered under `key`. A changed need becomes the newest. */
  set(key: string, view: ViewRequest | null): void {
    this.needs.delete(key);
    if (view && view.indicators.length > 0) this.needs.set(key, { scope: view.scope, indicators: [...view.indicators] });
  }

  prefer(scope: string | null): void {
    this.preferred = scope;
  }

  /** The view to subscribe: the union of the needs for the chosen scope, in the order they were first asked for. */
  merged(): ViewRequest | null {
    if (this.needs.size === 0) return null;
    const scopes = [...this.needs.values()].map((v) => v.scope);
    const scope = this.preferred && scopes.includes(this.preferred) ? this.preferred : scopes[scopes.length - 1]!;
    const indicators: string[] = [];
    for (const need of this.needs.values()) {
      if (need.scope !== scope) continue;
      for (const id of need.indicators) if (!indicators.includes(id)) indicators.push(id);
    }
    return { scope, indicators };
  }
}
