import path from 'node:path';
import type { UnitRegistryData } from '../core/units/unit';
import type { UnitAliasesData } from '../core/units/unit-resolver';
import { buildAliases } from './aliases.build';
import { buildRawLayers, simplification } from './layers.build';
import { shapeLayers, type ShapedLayers } from './layers.shape';
import { BUILDER_VERSION, mapCredit, type MapsManifest } from './manifest';
import { locateMapping, locateSource, readGeometryRecords, readSnapshotCommit, readSplits, readUnitList, sourceVersion } from './source.read';
import { buildUnits } from './units.build';

/** A build held in memory, before it is written. */
export interface BuiltMaps {
  units: UnitRegistryData;
  aliases: UnitAliasesData;
  layers: ShapedLayers;
  manifest: Omit<MapsManifest, 'builtAt' | 'files'>;
}

export type Log = (message: string) => void;

/** Reads the source folder and builds the unit registry, the pre-2025 unit aliases and the simplified layers. */
export async function buildMaps(src: string, log: Log = () => {}): Promise<BuiltMaps> {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const source = locateSource(src);
  const mapping = locateMapping(src);
  const version = sourceVersion(source);
  log(`maps: building from ${source.dir} (${version})`);

  const units = buildUnits(version, readUnitList(source), readGeometryRecords(source));
  log(`maps: ${units.units.length} units read (${elapsed()})`);
  const mappingCommit = readSnapshotCommit(mapping);
  const aliasesVersion = `${mapping.dataset} ${mappingCommit?.slice(0, 7) ?? 'unknown'} for ${version}`;
  const { data: aliases } = buildAliases(aliasesVersion, readSplits(mapping), units, log);

  const raw = await buildRawLayers(source.wardFiles);
  log(`maps: mapshaper done (${elapsed()})`);

  const layers = shapeLayers(raw, units);
  return {
    units,
    aliases,
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
        mapping: {
          repository: 'https://github.com/dvhcvn/20250701',
          snapshotCommit: mappingCommit,
          file: 'mapping/splits.json',
          license: 'MIT; LLM-assisted, treat partial links as indicative (SOURCE.md)',
        },
      },
      simplification: { ...simplification },
      credit: mapCredit,
    },
  };
}
