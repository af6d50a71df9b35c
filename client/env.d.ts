/// <reference types="vite/client" />
import type { Map as MapLibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    /** The map, for browser tests: set only by client/test-hooks.ts (development, or `?test=1` in the URL). */
    __iocMap?: MapLibreMap;
    /** Set by a browser test before the page loads: turns client/test-hooks.ts on. */
    __iocTestHooks?: boolean;
  }
}

export {};
