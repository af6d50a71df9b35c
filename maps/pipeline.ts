import path from 'node:path';
import type { UnitRegistryData } from '../core/units/unit';
import { buildRawLayers, simplification } from './layers.build';
import { shapeLayers, type ShapedLayers } from './layers.shape';
import { BUILDER_VERSION, mapCredit, type MapsManifest } from './manifest';
import { locateSource, readGeometryRecords, readSnapshotCommit, readUnitList, sourceVersion } from './source.read';
import { buildUnits } from './units.build';

/** A build held in memory, before it is written. */
export interface BuiltMaps {
  units: UnitRegistryData;
  layers: ShapedLayers;
  manifest: Omit<MapsManifest, 'builtAt' | 'files'>;
}

export type Log = (message: string) => void;

/** Reads the source folder and builds the unit registry and the simplified layers. */
export async function buildMaps(src: string, log: Log = () => {}): Promise<BuiltMaps> {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const source = locateSource(src);
  const version = sourceVersion(source);
  log(`maps: building from ${source.dir} (${version})`);

  const units = buildUnits(version, readUnitList(source), readGeometryRecords(source));
  log(`maps: ${units.units.length} units read (${elapsed()})`);

  const raw = await buildRawLayers(source.wardFiles);
  log(`maps: mapshaper done (${elapsed()})`);

  const layers = shapeLayers(raw, units);
  return {
    units,
    layers,
    manifest: {
      version,
      builder: BUILDER_VERSION,
      source: {
        repository: 'https://github.com/thanglequoc/vietnamese-provinces-database',
        snapshotCommit: readSnapshotCommit(source),
        unitList: path.basename(source.unitListPath),
        geometry: 'https://sapnhap.bando.com.vn (Vietnam Administrative Units Reference Map), via the repository',
        license: 'MIT (repository); the publisher of the geometry states no terms',
      },
      simplification: { ...simplification },
      credit: mapCredit,
    },
  };
}
