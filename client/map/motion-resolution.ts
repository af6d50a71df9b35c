import type { Map as MapLibreMap } from 'maplibre-gl';

/** WebGL renderers that draw on the CPU, on a PC without a usable GPU: SwiftShader, Mesa's llvmpipe and softpipe, WARP. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|microsoft basic render|\bwarp\b/i;

/** Whether a WebGL renderer string names a software renderer. */
export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERER.test(renderer);
}

/** The renderer behind a map's canvas, as WebGL reports it ('' when it does not say). */
function rendererOf(map: MapLibreMap): string {
  const canvas = map.getCanvas();
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  if (!gl) return '';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  return typeof name === 'string' ? name : '';
}

/** The share of the screen's resolution the map draws at while it moves, on a software renderer. */
export const MOVING_RESOLUTION = 0.5;

/**
 * On a PC without a GPU (a wall player), each map frame is drawn by the CPU and read back by Chrome, at a cost that
 * grows with the pixels: the map draws its moving frames (a drill's flight, a drag) at half resolution, about a third
 * cheaper each, and its resting frame at full resolution again. With a GPU nothing changes. Returns a detach.
 */
export function lowerResolutionWhileMoving(map: MapLibreMap): () => void {
  if (!isSoftwareRenderer(rendererOf(map))) return () => undefined;
  const full = (): number => window.devicePixelRatio || 1;
  let low = false;
  // from the first frame of a move on: a jump (no animation) ends before any frame and changes nothing
  const onRender = (): void => {
    if (low || !map.isMoving()) return;
    low = true;
    map.setPixelRatio(full() * MOVING_RESOLUTION);
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
