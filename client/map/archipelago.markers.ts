import { type Map as MapLibreMap, Marker } from 'maplibre-gl';
import type { Locale } from '../../core/i18n';
import type { LabelCollection } from './map-data';

interface Label {
  element: HTMLDivElement;
  vi: string;
  en: string;
  marker: Marker;
}

/** A point for the label: the point itself, else the centre of the geometry's bounding box. */
function pointOf(geometry: LabelCollection['features'][number]['geometry']): [number, number] | null {
  if (geometry.type === 'Point') {
    const [lng, lat] = geometry.coordinates;
    return typeof lng === 'number' && typeof lat === 'number' ? [lng, lat] : null;
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      minX = Math.min(minX, c[0]);
      maxX = Math.max(maxX, c[0]);
      minY = Math.min(minY, c[1]);
      maxY = Math.max(maxY, c[1]);
      return;
    }
    for (const inner of c) visit(inner);
  };
  if ('coordinates' in geometry) visit(geometry.coordinates);
  return Number.isFinite(minX) ? [(minX + maxX) / 2, (minY + maxY) / 2] : null;
}

/**
 * The two archipelagos (Quần đảo Hoàng Sa, Quần đảo Trường Sa) as HTML labels over the map: always drawn, in the
 * page's own font (no glyph server), and switched with the language.
 */
export class ArchipelagoLabels {
  private labels: Label[] = [];

  constructor(
    private readonly map: MapLibreMap,
    collection: LabelCollection,
    locale: Locale,
  ) {
    for (const feature of collection.features) {
      if (feature.properties?.kind !== 'archipelago') continue;
      const at = pointOf(feature.geometry);
      const vi = feature.properties.name;
      if (!at || !vi) continue;
      const element = document.createElement('div');
      element.className = 'archipelago-label';
      element.dataset.testid = `label-${feature.properties.code ?? vi}`;
      const marker = new Marker({ element, anchor: 'center' }).setLngLat(at).addTo(this.map);
      this.labels.push({ element, vi, en: feature.properties.nameEn ?? vi, marker });
    }
    this.setLocale(locale);
  }

  get count(): number {
    return this.labels.length;
  }

  setLocale(locale: Locale): void {
    for (const label of this.labels) label.element.textContent = locale === 'vi' ? label.vi : label.en;
  }

  remove(): void {
    for (const label of this.labels) label.marker.remove();
    this.labels = [];
  }
}
