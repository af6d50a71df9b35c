import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { COMMUNE_FILL, COMMUNE_SOURCE } from './commune.layer';
import { PROVINCE_FILL, PROVINCE_SOURCE } from './province.layer';

export type PointerKind = 'province' | 'commune';

export interface PointerTarget {
  kind: PointerKind;
  code: string;
  /** Pointer position in the map's pixels. */
  x: number;
  y: number;
}

const SOURCE: Record<PointerKind, string> = { province: PROVINCE_SOURCE, commune: COMMUNE_SOURCE };

function codeOf(raw: unknown): string | null {
  if (typeof raw === 'string') return raw;
  return typeof raw === 'number' ? String(raw) : null;
}

/** The unit under a point: a commune of the drilled province wins over the province beneath it. */
function targetAt(map: MapLibreMap, event: MapMouseEvent): PointerTarget | null {
  const layers = [COMMUNE_FILL, PROVINCE_FILL].filter((id) => map.getLayer(id));
  if (layers.length === 0) return null;
  for (const f of map.queryRenderedFeatures(event.point, { layers })) {
    const code = codeOf(f.properties?.code);
    if (!code) continue;
    const kind: PointerKind = f.layer.id === COMMUNE_FILL ? 'commune' : 'province';
    return { kind, code, x: event.point.x, y: event.point.y };
  }
  return null;
}

/**
 * Hover and click over provinces and communes: outlines the hovered unit (feature-state `hover`), reports it for the
 * tooltip, and reports clicks. Returns a function that detaches everything.
 */
export function bindPointer(
  map: MapLibreMap,
  handlers: { hover(target: PointerTarget | null): void; click(target: PointerTarget): void },
): () => void {
  let hovered: { kind: PointerKind; code: string } | null = null;
  const setHover = (next: PointerTarget | null): void => {
    if (hovered && next && hovered.kind === next.kind && hovered.code === next.code) return;
    if (hovered && map.getSource(SOURCE[hovered.kind])) {
      map.setFeatureState({ source: SOURCE[hovered.kind], id: hovered.code }, { hover: false });
    }
    hovered = next ? { kind: next.kind, code: next.code } : null;
    if (next) map.setFeatureState({ source: SOURCE[next.kind], id: next.code }, { hover: true });
  };
  const move = (event: MapMouseEvent): void => {
    const target = targetAt(map, event);
    setHover(target);
    map.getCanvas().style.cursor = target ? 'pointer' : '';
    handlers.hover(target);
  };
  const out = (): void => {
    setHover(null);
    map.getCanvas().style.cursor = '';
    handlers.hover(null);
  };
  const click = (event: MapMouseEvent): void => {
    const target = targetAt(map, event);
    if (target) handlers.click(target);
  };
  map.on('mousemove', move);
  map.on('mouseout', out);
  map.on('click', click);
  return () => {
    map.off('mousemove', move);
    map.off('mouseout', out);
    map.off('click', click);
  };
}
