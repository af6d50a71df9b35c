import { type Map as MapLibreMap, Marker } from 'maplibre-gl';
import type { Severity } from '../../core/alerts/rule';
import type { LabelCollection } from './map-data';

/** The SVG paths of each severity's icon (the same shapes as StateIcon's octagon, hourglass and triangle). */
const ICONS: Readonly<Record<Severity, string>> = Object.freeze({
  critical: '<path d="M8.3 2.5h7.4l5.8 5.8v7.4l-5.8 5.8H8.3l-5.8-5.8V8.3z"/><path d="M12 7.5v5.5M12 16.3v.3"/>',
  nodata: '<path d="M6 3h12M6 21h12M7 3c0 5 10 5 10 9s-10 4-10 9M17 3c0 5-10 5-10 9s10 4 10 9"/>',
  warning: '<path d="M12 3L2 20.5h20z"/><path d="M12 9.5v5M12 17.2v.3"/>',
});

export interface BadgeState {
  severity: Severity;
  /** Communes of the province in alert (0: only the province itself). */
  communes: number;
}

/**
 * A badge on each province with open alerts: the worst severity's icon and how many of its communes are in alert,
 * at the province's label point. HTML markers (no glyph server); at most one per province, updated in place.
 */
export class AlertBadges {
  private readonly points = new Map<string, [number, number]>();
  private readonly badges = new Map<string, { marker: Marker; element: HTMLDivElement; key: string }>();
  private visible = true;

  constructor(
    private readonly map: MapLibreMap,
    labels: LabelCollection,
  ) {
    for (const f of labels.features) {
      const code = f.properties?.code;
      if (f.properties?.kind !== 'province' || !code || f.geometry.type !== 'Point') continue;
      const [lng, lat] = f.geometry.coordinates;
      if (typeof lng === 'number' && typeof lat === 'number') this.points.set(code, [lng, lat]);
    }
  }

  update(next: ReadonlyMap<string, BadgeState>, label: (code: string, state: BadgeState) => string): void {
    for (const [code, badge] of this.badges) {
      if (next.has(code)) continue;
      badge.marker.remove();
      this.badges.delete(code);
    }
    for (const [code, state] of next) {
      const at = this.points.get(code);
      if (!at) continue;
      const key = `${state.severity}|${state.communes}|${label(code, state)}`;
      let badge = this.badges.get(code);
      if (!badge) {
        const element = document.createElement('div');
        element.dataset.testid = 'alert-badge';
        element.dataset.code = code;
        badge = { element, marker: new Marker({ element, anchor: 'center' }).setLngLat(at), key: '' };
        if (this.visible) badge.marker.addTo(this.map);
        this.badges.set(code, badge);
      }
      if (badge.key === key) continue;
      badge.key = key;
      // classList, not className: the marker's own classes position it
      badge.element.classList.remove('alert-badge--critical', 'alert-badge--nodata', 'alert-badge--warning');
      badge.element.classList.add('alert-badge', `alert-badge--${state.severity}`);
      badge.element.dataset.severity = state.severity;
      badge.element.dataset.communes = String(state.communes);
      badge.element.title = label(code, state);
      const count = state.communes > 0 ? `<span>${state.communes}</span>` : '';
      badge.element.innerHTML = `<svg viewBox="0 0 24 24" aria-hidden="true">${ICONS[state.severity]}</svg>${count}`;
    }
  }

  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    for (const b of this.badges.values()) {
      if (visible) b.marker.addTo(this.map);
      else b.marker.remove();
    }
  }

  get count(): number {
    return this.badges.size;
  }

  remove(): void {
    for (const b of this.badges.values()) b.marker.remove();
    this.badges.clear();
  }
}
