import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * Holds a source's tiles: the map goes on drawing the tiles the source has (scaled while the map zooms) and asks it
 * for no others until released; released, it asks for the tiles of where the map is then. MapLibre reaches the
 * source's tile manager through its style (typed in its API, little documented: this module is its one user). A
 * change of one of the source's layers (paint, filter, layout, zoom range) makes MapLibre reload the source, which
 * ends the hold early: the map then only does the work it would have done anyway.
 */
export function holdTiles(map: MapLibreMap, source: string): () => void {
  const manager = map.style?.tileManagers?.[source];
  if (!manager) return () => undefined;
  manager.pause();
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    if (map.style?.tileManagers?.[source] === manager) manager.resume();
  };
}
