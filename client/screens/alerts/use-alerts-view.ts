import { computed, onBeforeUnmount, watch } from 'vue';
import { demandView } from '../../realtime/realtime';
import { useIndicatorsStore } from '../../stores/indicators.store';
import { useSessionStore } from '../../stores/session.store';

let next = 0;

/**
 * Alerts reach a socket for the scopes it watches a view of (docs/api.md "Alerts"): a screen that shows alerts but no
 * map subscribes a small view of the viewer's own scope (one indicator), so its `alert:changed` events arrive.
 * Dropped when the screen goes. (A dedicated alerts subscription on the server would make this unnecessary.)
 */
export function useAlertsView(): void {
  const key = `alerts-${++next}`;
  const session = useSessionStore();
  const indicators = useIndicatorsStore();
  const scope = computed(() => (session.principal.kind === 'anonymous' ? 'VN' : session.principal.scope));
  const indicator = computed(() => indicators.mappable[0]?.id ?? null);
  watch(
    [scope, indicator],
    ([s, id]) => demandView(key, id ? { scope: s, indicators: [id] } : null),
    { immediate: true },
  );
  onBeforeUnmount(() => demandView(key, null));
}
