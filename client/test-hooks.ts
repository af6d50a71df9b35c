import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * The one door browser tests have into the page, beyond what it shows: on only in development, with `?test=1` in the
 * URL, or when a test's browser flagged the page before it loaded (`window.__iocTestHooks`, set by
 * test/support/browser.ts), so a wall screen or a desk never carries a probe. Every test probe is switched here.
 */
export function testHooksOn(
  search: string = window.location.search,
  dev: boolean = import.meta.env.DEV,
  flagged: boolean = window.__iocTestHooks === true,
): boolean {
  return dev || flagged || new URLSearchParams(search).get('test') === '1';
}

/** Exposes a map as `window.__iocMap` (the tests' view of the map: its zoom, feature-state, tiles), when hooks are on. */
export function exposeMap(map: MapLibreMap): void {
  if (testHooksOn()) window.__iocMap = map;
}

/** Takes a map's probe away again (its component unmounts), unless another map has taken its place since. */
export function withdrawMap(map: MapLibreMap | null): void {
  if (map && window.__iocMap === map) delete window.__iocMap;
}
