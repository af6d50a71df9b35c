import { type LngLatBoundsLike, Map as MapLibreMap, type PaddingOptions, setWorkerUrl, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { markRaw, onBeforeUnmount, onMounted, type Ref, ref, type ShallowRef, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { exposeMap, withdrawMap } from '../test-hooks';
import { offlineStyle, VN_BOUNDS } from './map-style';
import { applyRenderBudget } from './render-budget';
import { cooperateOnPhone } from './touch-gestures';

let workerSet = false;

export interface UseMap {
  map: ShallowRef<MapLibreMap | null>;
  /** True once the style has loaded: sources and layers may be added, feature-state set (its sources need not be loaded). */
  loaded: Ref<boolean>;
  error: Ref<string | null>;
  /**
   * What the map shows and returns to after a resize: the country, or a drilled province. Flies there unless
   * `duration` is 0.
   */
  setHome(bounds: LngLatBoundsLike, padding: number | PaddingOptions, duration?: number): void;
}

/**
 * Owns the one MapLibre instance of a component: creates it on mount in `container` with the sources and layers of
 * `base` in its style, keeps it out of Vue's deep reactivity (`shallowRef(markRaw(map))`, STYLE §7), follows the
 * container's size and removes it on unmount.
 */
export function useMap(container: Ref<HTMLElement | null>, base?: () => Pick<StyleSpecification, 'sources' | 'layers'>): UseMap {
  const map = shallowRef<MapLibreMap | null>(null);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  let resizeObserver: ResizeObserver | null = null;
  let detachResolution: () => void = () => undefined;
  let gestures: ReturnType<typeof cooperateOnPhone> | null = null;
  const { t, locale } = useI18n();
  const stopRelabel = watch(locale, () => gestures?.relabel());
  let home: { bounds: LngLatBoundsLike; padding: number | PaddingOptions } = { bounds: VN_BOUNDS, padding: 24 };

  function setHome(bounds: LngLatBoundsLike, padding: number | PaddingOptions, duration = 0): void {
    const m = map.value;
    // already flying there (a click started the flight before its route changed): not started again
    if (m?.isMoving() && JSON.stringify(home.bounds) === JSON.stringify(bounds)) return;
    home = { bounds, padding };
    if (!m) return;
    m.stop();
    m.fitBounds(bounds, { padding, duration, animate: duration > 0, essential: true });
  }

  onMounted(() => {
    const element = container.value;
    if (!element) return;
    if (!workerSet) {
      setWorkerUrl(workerUrl);
      workerSet = true;
    }
    performance.mark('ioc:map-created');
    const instance = new MapLibreMap({
      container: element,
      style: offlineStyle(base?.()),
      bounds: VN_BOUNDS,
      fitBoundsOptions: { padding: 24 },
      attributionControl: false,
      maplibreLogo: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      rollEnabled: false,
      maxPitch: 0,
      minZoom: 3,
      maxZoom: 10,
      renderWorldCopies: false,
      fadeDuration: 0,
      // resized by the observer below, on whole-pixel changes only: MapLibre's own observer re-creates the drawing
      // buffer (slow on software GL) whenever the text above the map moves the container by a fraction of a pixel
      trackResize: false,
      validateStyle: import.meta.env.DEV,
    });
    instance.touchZoomRotate.disableRotation();
    instance.keyboard.disableRotation();
    detachResolution = applyRenderBudget(instance); // the tactics for a wall PC without a GPU (render-budget.ts)
    // a phone: one finger scrolls the page, two move the map, a tap opens (touch-gestures.ts)
    gestures = cooperateOnPhone(instance, () => ({
      twoFingers: t('phone.mapTwoFingers'),
      ctrlScroll: t('phone.mapCtrlScroll'),
      cmdScroll: t('phone.mapCmdScroll'),
    }));
    // the style, not the map's `load`: that waits for every source's tiles, and the layers' colours (feature-state)
    // would then wait for them too instead of being in place for their first frame
    instance.once('style.load', () => {
      performance.mark('ioc:style-loaded');
      loaded.value = true;
    });
    instance.on('error', (event) => {
      error.value = event.error instanceof Error ? event.error.message : String(event.error);
    });
    map.value = markRaw(instance);
    exposeMap(instance); // for browser tests only (test-hooks.ts)
    // (the observer also reports the size the map was just created at: resizing the canvas to it would re-create
    // its drawing buffer for nothing, a slow step on software GL)
    let size = `${element.clientWidth}x${element.clientHeight}`;
    resizeObserver = new ResizeObserver(() => {
      const next = `${element.clientWidth}x${element.clientHeight}`;
      if (next === size) return;
      size = next;
      instance.resize();
      instance.fitBounds(home.bounds, { padding: home.padding, animate: false });
    });
    resizeObserver.observe(element);
  });

  onBeforeUnmount(() => {
    detachResolution();
    gestures?.detach();
    gestures = null;
    stopRelabel();
    resizeObserver?.disconnect();
    resizeObserver = null;
    withdrawMap(map.value);
    map.value?.remove();
    map.value = null;
    loaded.value = false;
  });

  return { map, loaded, error, setHome };
}
