import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { config } from '../platform/config';

/** The repository root (the folder above maps/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Absolute path of the built maps: maps/dist (gitignored). */
export const mapsDistDir = path.join(repoRoot, 'maps', 'dist');

/** Where the source data lives: MAPS_SRC (platform/config), else ../shared/maps-src beside the repository. */
export function resolveMapsSrc(): string {
  const fromEnv = config().MAPS_SRC;
  return fromEnv ? path.resolve(fromEnv) : path.resolve(repoRoot, '../shared/maps-src');
}

/** File names inside maps/dist that other parts of the product code against. */
export const distFiles = {
  units: 'units.json',
  aliases: 'unit-aliases.json',
  national: 'national.geojson',
  labels: 'labels.geojson',
  manifest: 'manifest.json',
  province: (code: string) => `provinces/${code}.geojson`,
} as const;
