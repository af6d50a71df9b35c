import type { StyleSpecification } from 'maplibre-gl';
import { alertOutlineLayers } from './alert.layer';
import { COMMUNE_SOURCE, COMMUNE_HIDDEN_BELOW, communeStyle } from './commune.layer';
import { NATIONAL_URL } from './map-data';
import { PROVINCE_SOURCE, provinceStyle } from './province.layer';

/**
 * Every source and layer of the dashboard's map, declared once, in drawing order, for the map's initial style
 * (offlineStyle, map-style.ts): the provinces (their worker fetches and tiles the national layer while the page
 * starts), the communes of the drilled province (empty, hidden until a drill), the alert outlines of both. Nothing
 * is added at run time: live data, drills and alerts only call setData, setFeatureState, visibility and zoom range.
 */
export function mapLayers(): Pick<StyleSpecification, 'sources' | 'layers'> {
  const provinces = provinceStyle(NATIONAL_URL);
  const communes = communeStyle();
  return {
    sources: { ...provinces.sources, ...communes.sources },
    layers: [
      ...provinces.layers,
      ...communes.layers,
      ...alertOutlineLayers(PROVINCE_SOURCE),
      ...alertOutlineLayers(COMMUNE_SOURCE, COMMUNE_HIDDEN_BELOW),
    ],
  };
}
