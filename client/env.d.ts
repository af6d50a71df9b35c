/// <reference types="vite/client" />
import type { Map as MapLibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    /** The map, for browser tests: set only in development or with `?test=1` in the URL. */
    __iocMap?: MapLibreMap;
  }
}

export {};
