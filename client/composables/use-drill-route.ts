import { computed, type Ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { patchViewQuery, parseViewQuery, type RawQuery, sameQuery, type ViewQuery } from '../navigation/view-query';

/** The routes whose URL holds the view: the national overview and the province scene. */
const OWNERS = new Set(['national', 'province']);

/**
 * The view in the URL (view-query.ts) and how to move: going to a province or a unit pushes a history entry, so Back
 * returns to the previous place; settings of the place (indicator, range, comparison) and defaults replace it.
 * A scene shown inside another page (a wall screen's rotation) reads the URL but never writes it, and its links lead
 * to the scene's own page (`homePath`).
 */
export function useDrillRoute(homePath: Ref<string> | string = '/') {
  const route = useRoute();
  const router = useRouter();
  const query = computed(() => parseViewQuery(route.query));
  const owns = computed(() => OWNERS.has(String(route.name ?? '')));
  const home = computed(() => (typeof homePath === 'string' ? homePath : homePath.value));

  /** The place after a change, for links (RouterLink `to`). */
  function linkTo(patch: Partial<ViewQuery>) {
    return { path: owns.value ? route.path : home.value, query: patchViewQuery(owns.value ? route.query : {}, patch) };
  }

  /** Go to the changed place; returns the navigation, or null when there is none (not this route's screen, no change). */
  function go(patch: Partial<ViewQuery>, replace = false): Promise<unknown> | null {
    if (!owns.value) return null;
    const next = patchViewQuery(route.query, patch);
    if (sameQuery(next, route.query as RawQuery)) return null;
    return replace ? router.replace({ path: route.path, query: next }) : router.push({ path: route.path, query: next });
  }

  return { route, router, query, owns, linkTo, go };
}
