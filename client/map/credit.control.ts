import { AttributionControl, type Map as MapLibreMap } from 'maplibre-gl';
import type { Locale } from '../../core/i18n';
import type { MapManifest } from './map-data';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The boundary data credit from `/maps/manifest.json`, in the map's corner, in the page's language. */
export class CreditControl {
  private control: AttributionControl | null = null;

  constructor(
    private readonly map: MapLibreMap,
    private readonly manifest: MapManifest,
  ) {}

  setLocale(locale: Locale): void {
    const text = this.manifest.credit?.[locale] ?? this.manifest.credit?.vi ?? this.manifest.credit?.en;
    if (this.control) this.map.removeControl(this.control);
    this.control = null;
    if (!text) return;
    this.control = new AttributionControl({ compact: false, customAttribution: escapeHtml(text) });
    this.map.addControl(this.control, 'top-right');
  }

  remove(): void {
    if (this.control) this.map.removeControl(this.control);
    this.control = null;
  }
}
