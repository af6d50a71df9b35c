/** A socket watching view (scope, indicator) sits in this room; the relay emits the view's deltas to it. */
export function viewRoom(scope: string, indicator: string): string {
  return `v:${scope}:${indicator}`;
}

/** Sockets watching any view of `scope` sit in this room and get the alerts of units within it. */
export function alertsRoom(scope: string): string {
  return `a:${scope}`;
}
