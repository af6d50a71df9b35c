import type { FeatureCollection, Geometry } from 'geojson';
import type { Localized } from '../../core/i18n';
import { getJson } from '../api/http';

/** Properties of `/maps/national.geojson` features. */
export interface ProvinceProperties {
  code: string;
  name: string;
  nameEn?: string;
}

/** Properties of `/maps/labels.geojson` features; only `kind: 'archipelago'` ones are drawn here. */
export interface LabelProperties {
  kind?: string;
  code?: string;
  name?: string;
  nameEn?: string;
}

export interface MapManifest {
  credit?: Partial<Localized>;
}

export type ProvinceCollection = FeatureCollection<Geometry, ProvinceProperties>;
export type LabelCollection = FeatureCollection<Geometry, LabelProperties>;

/** The national layer's address; the map's worker fetches it from here too (from the HTTP cache, maps are cached 1 h). */
export const NATIONAL_URL = '/maps/national.geojson';

/** The address of one province's commune layer. */
export function provinceUrl(code: string): string {
  return `/maps/provinces/${encodeURIComponent(code)}.geojson`;
}

let early: Promise<ProvinceCollection> | null = null;

/**
 * Starts fetching the national layer (public, like every map file) while the app still asks who is signed in: the
 * boundaries are the long pole of a wall's first render. The next loadNational takes this fetch over.
 */
export function prefetchNational(): void {
  if (early) return;
  const p = getJson<ProvinceCollection>(NATIONAL_URL);
  p.catch(() => {
    if (early === p) early = null; // a failed prefetch is not handed on; loadNational fetches again
  });
  early = p;
}

export function loadNational(signal?: AbortSignal): Promise<ProvinceCollection> {
  const p = early;
  early = null;
  return p ?? getJson<ProvinceCollection>(NATIONAL_URL, signal);
}

export function loadLabels(signal?: AbortSignal): Promise<LabelCollection> {
  return getJson<LabelCollection>('/maps/labels.geojson', signal);
}

export function loadManifest(signal?: AbortSignal): Promise<MapManifest> {
  return getJson<MapManifest>('/maps/manifest.json', signal);
}

/** Properties of `/maps/provinces/<code>.geojson` features: the communes of one province. */
export interface CommuneProperties {
  code: string;
  name: string;
  nameEn?: string;
  province: string;
}

export type CommuneCollection = FeatureCollection<Geometry, CommuneProperties>;

/** The communes of one province: only this province's layer is fetched when it is drilled into. */
export function loadProvince(code: string, signal?: AbortSignal): Promise<CommuneCollection> {
  return getJson<CommuneCollection>(provinceUrl(code), signal);
}
