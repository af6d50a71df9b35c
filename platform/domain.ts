import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ALL_INDICATORS, indicatorById } from '../core/indicators/catalog';
import type { Indicator } from '../core/indicators/indicator';
import { UnitRegistry } from '../core/units/registry';
import type { UnitRegistryData } from '../core/units/unit';
import { createUnitResolver, type UnitAliasesData, type UnitResolver } from '../core/units/unit-resolver';
import { mapsDistDir } from '../maps/ensure';
import { distFiles } from '../maps/paths';

/** The unit registry, its resolver and the indicator catalog, loaded once per process from maps/dist and core. */
export interface Domain {
  registry: UnitRegistry;
  /** Names, portal codes and pre-2025 codes → official codes (connectors, uploads). */
  units: UnitResolver;
  indicators: readonly Indicator[];
  indicator(id: string): Indicator | undefined;
}

function readDist<T>(distDir: string, name: string, what: string): T {
  const file = path.join(distDir, name);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (err) {
    throw new Error(`cannot read ${what} ${file}: run \`npm run maps\` first (${(err as Error).message})`);
  }
}

export function loadDomain(distDir: string = mapsDistDir): Domain {
  const registry = new UnitRegistry(readDist<UnitRegistryData>(distDir, distFiles.units, 'the unit registry'));
  const aliases = readDist<UnitAliasesData>(distDir, distFiles.aliases, 'the unit aliases');
  return { registry, units: createUnitResolver(registry, aliases), indicators: ALL_INDICATORS, indicator: indicatorById };
}
