import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * Canvases whose pixels cannot be read at any time: a WebGL map clears its drawing buffer after each frame (no
 * `preserveDrawingBuffer`, which would slow every frame of a 24/7 wall). Their owner registers how to capture them.
 */
const captures = new WeakMap<HTMLCanvasElement, () => Promise<CanvasImageSource>>();

export function registerCapture(canvas: HTMLCanvasElement, capture: () => Promise<CanvasImageSource>): () => void {
  captures.set(canvas, capture);
  return () => {
    if (captures.get(canvas) === capture) captures.delete(canvas);
  };
}

/** A readable image of a canvas: the registered capture, or the canvas itself (2D canvases, e.g. ECharts'). */
export function readableCanvas(canvas: HTMLCanvasElement): Promise<CanvasImageSource> {
  return captures.get(canvas)?.() ?? Promise.resolve(canvas);
}

/**
 * The map's pixels, copied inside the `render` event of a repaint it asks for: the drawing buffer still holds the
 * frame then. Gives up after a second (a map that no longer renders) with whatever the canvas shows.
 */
export function captureMap(map: MapLibreMap): Promise<HTMLCanvasElement> {
  const source = map.getCanvas();
  const copy = document.createElement('canvas');
  copy.width = source.width;
  copy.height = source.height;
  return new Promise((resolve) => {
    let done = false;
    const grab = (): void => {
      if (done) return;
      done = true;
      copy.getContext('2d')?.drawImage(source, 0, 0);
      resolve(copy);
    };
    const timer = setTimeout(() => {
      map.off('render', grab);
      grab();
    }, 1_000);
    map.once('render', () => {
      clearTimeout(timer);
      grab();
    });
    map.triggerRepaint();
  });
}
