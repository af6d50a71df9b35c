import type { Map as MapLibreMap } from 'maplibre-gl';

/** The phone layout's width: the same as the media queries of the overviews, the alerts page and theme.css. */
export const PHONE_QUERY = '(max-width: 600px)';

export interface GestureTexts {
  /** On a touch screen: one finger scrolls the page. */
  twoFingers: string;
  /** With a mouse on a narrow window: the wheel scrolls the page. */
  ctrlScroll: string;
  cmdScroll: string;
}

/**
 * On a phone the map is a box of fixed height inside the page's vertical scroll: one finger scrolls the page (a map
 * that took every touch would trap the reader in it), two fingers pan and pinch-zoom the map, a tap opens what is
 * under it (a province drills, a commune opens its detail). MapLibre's cooperative gestures do exactly that. On a
 * desk or a wall the page does not scroll, and the map keeps its one-finger drag and its wheel zoom. Follows the
 * layout when the window crosses the phone width; `relabel` puts the hint in the page's language (MapLibre writes it
 * once, from the map's options). Returns a function that detaches the listener.
 */
export function cooperateOnPhone(map: MapLibreMap, texts: () => GestureTexts): { detach(): void; relabel(): void } {
  const query = window.matchMedia(PHONE_QUERY);
  function relabel(): void {
    const box = map.getCanvasContainer();
    const t = texts();
    const mac = navigator.userAgent.includes('Mac');
    const mobile = box.querySelector('.maplibregl-mobile-message');
    const desktop = box.querySelector('.maplibregl-desktop-message');
    if (mobile) mobile.textContent = t.twoFingers;
    if (desktop) desktop.textContent = mac ? t.cmdScroll : t.ctrlScroll;
  }
  function follow(): void {
    if (query.matches === map.cooperativeGestures.isEnabled()) return;
    if (query.matches) {
      map.cooperativeGestures.enable();
      relabel();
    } else {
      map.cooperativeGestures.disable();
    }
  }
  follow();
  query.addEventListener('change', follow);
  return { detach: () => query.removeEventListener('change', follow), relabel };
}
