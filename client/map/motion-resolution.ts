import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * Draws a map's moving frames (a drill's flight, a drag) at `share` of the screen's resolution and its resting frame
 * at full resolution again. On a PC without a GPU (a wall player) each frame is drawn by the CPU and read back by
 * Chrome at a cost that grows with the pixels: half resolution makes each moving frame about a third cheaper.
 * Switched on by the map's render budget (render-budget.ts). Returns a detach.
 */
export function lowerResolutionWhileMoving(map: MapLibreMap, share: number): () => void {
  const full = (): number => window.devicePixelRatio || 1;
  let low = false;
  // from the first frame of a move on: a jump (no animation) ends before any frame and changes nothing
  const onRender = (): void => {
    if (low || !map.isMoving()) return;
    low = true;
    map.setPixelRatio(full() * share);
  };
  const onMoveEnd = (): void => {
    if (!low) return;
    low = false;
    map.setPixelRatio(full());
  };
  map.on('render', onRender);
  map.on('moveend', onMoveEnd);
  return () => {
    map.off('render', onRender);
    map.off('moveend', onMoveEnd);
  };
}
