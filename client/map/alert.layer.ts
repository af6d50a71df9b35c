import type { ExpressionSpecification, LineLayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { Severity } from '../../core/alerts/rule';
import { lineScale, perFeature, setLayerVisible } from './map-style';

/** Outline colours of units in alert; each severity also has its own line pattern, so colour never says it alone. */
export const ALERT_COLORS: Readonly<Record<Severity, string>> = Object.freeze({ critical: '#ff5a5f', nodata: '#c9a7ff', warning: '#ffb020' });
/** Solid for critical, dashed for warning, dotted for no data (in line widths). */
const DASHES: Readonly<Record<Severity, number[] | null>> = Object.freeze({ critical: null, warning: [2.2, 1.3], nodata: [0.1, 1.6] });
const ORDER: readonly Severity[] = ['warning', 'nodata', 'critical'];


/**
 * Over a source's fills, a dark casing and one thick outline per severity, shown where the feature-state `alert`
 * names that severity: the choropleth's colours stay readable inside, the alert is on the edge. Declared once in the
 * map's style, hidden until an alert needs them; live changes only set feature-state (STYLE §7). `minzoom`: the
 * source's other layers' (the commune layers start hidden at every zoom, commune.layer.ts).
 */
export function alertOutlineLayers(source: string, minzoom?: number): LineLayerSpecification[] {
  const k = lineScale();
  const state: ExpressionSpecification = ['coalesce', ['feature-state', 'alert'], ''];
  const zoom = minzoom === undefined ? {} : { minzoom };
  return [
    {
      id: `${source}-alert-casing`,
      type: 'line',
      source,
      ...zoom,
      layout: { 'line-join': 'round', visibility: 'none' },
      paint: { 'line-color': perFeature('#060c17'), 'line-width': perFeature(7 * k), 'line-opacity': ['match', state, ['critical', 'warning', 'nodata'], 0.85, 0] },
    },
    ...ORDER.map((s): LineLayerSpecification => {
      const dash = DASHES[s];
      return {
        id: `${source}-alert-${s}`,
        type: 'line',
        source,
        ...zoom,
        layout: { 'line-join': 'round', 'line-cap': dash ? 'round' : 'butt', visibility: 'none' },
        paint: {
          'line-color': perFeature(ALERT_COLORS[s]),
          'line-width': perFeature(3.6 * k),
          'line-opacity': ['match', state, s, 1, 0],
          ...(dash ? { 'line-dasharray': dash } : {}),
        },
      };
    }),
  ];
}

/**
 * Shows the outlines of the severities present (none when `visible` is false). Layers with nothing to outline stay
 * hidden, so their programs (the dashed ones have their own) are compiled only once an alert needs them.
 */
export function setAlertOutlinesVisible(map: MapLibreMap, source: string, visible: boolean, present: ReadonlySet<Severity>): void {
  setLayerVisible(map, `${source}-alert-casing`, visible && present.size > 0);
  for (const s of ORDER) setLayerVisible(map, `${source}-alert-${s}`, visible && present.has(s));
}

/** Set `alert` on the features whose severity changed ('' clears it); returns how many were touched. */
export function applyAlertStates(
  map: MapLibreMap,
  source: string,
  next: ReadonlyMap<string, Severity>,
  previous: ReadonlyMap<string, Severity>,
): number {
  if (!map.getSource(source)) return 0;
  let touched = 0;
  for (const [code, s] of next) {
    if (previous.get(code) === s) continue;
    map.setFeatureState({ source, id: code }, { alert: s });
    touched += 1;
  }
  for (const code of previous.keys()) {
    if (next.has(code)) continue;
    map.setFeatureState({ source, id: code }, { alert: '' });
    touched += 1;
  }
  return touched;
}
