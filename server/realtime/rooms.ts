/** A socket watching view (scope, indicator) sits in this room; the relay emits the view's deltas to it. */
export function viewRoom(scope: string, indicator: string): string {
  return `v:${scope}:${indicator}`;
}
