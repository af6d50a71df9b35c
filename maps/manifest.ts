import type { Localized } from '../core/i18n';

/** Bump when the pipeline's output changes for the same source, so ensureMaps() rebuilds existing dist folders. */
export const BUILDER_VERSION = 2;

/** Gzipped budget of national.geojson and of each provinces/<code>.geojson. */
export const GZIP_BUDGET_BYTES = 400 * 1024;

/** The credit every map must show (SOURCE.md asks to credit both the publisher and the repository). */
export const mapCredit: Localized = {
  vi:
    'Ranh giới: Bản đồ tra cứu ĐVHC Việt Nam (sapnhap.bando.com.vn), NXB Tài nguyên – Môi trường và Bản đồ Việt Nam; ' +
    'qua thanglequoc/vietnamese-provinces-database (MIT)',
  en:
    'Boundaries: Vietnam Administrative Units Reference Map (sapnhap.bando.com.vn), Vietnam Natural Resources, ' +
    'Environment and Cartography Publishing House; via thanglequoc/vietnamese-provinces-database (MIT)',
};

export interface ManifestFile {
  bytes: number;
  gzipBytes: number;
}

/** maps/dist/manifest.json, written last: a dist folder without it is incomplete. */
export interface MapsManifest {
  /** The source list, e.g. "vn-provinces-db 2026-07-25" (the same as units.json's version). */
  version: string;
  /** BUILDER_VERSION of the pipeline that wrote it. */
  builder: number;
  builtAt: string;
  source: {
    repository: string;
    /** The upstream commit SOURCE.md names, when it names one. */
    snapshotCommit: string | null;
    unitList: string;
    geometry: string;
    license: string;
    /** The 1/7/2025 old → new mapping that unit-aliases.json is built from. */
    mapping: { repository: string; snapshotCommit: string | null; file: string; license: string };
  };
  simplification: Record<string, number>;
  credit: Localized;
  /** Every file of the folder except manifest.json, by path relative to maps/dist. */
  files: Record<string, ManifestFile>;
}

export function isManifest(value: unknown): value is MapsManifest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<MapsManifest>;
  return typeof m.version === 'string' && typeof m.builder === 'number' && typeof m.files === 'object' && m.files !== null;
}
