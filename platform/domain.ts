import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ALL_INDICATORS, indicatorById } from '../core/indicators/catalog';
import type { Indicator } from '../core/indicators/indicator';
import { UnitRegistry } from '../core/units/registry';
import type { UnitRegistryData } from '../core/units/unit';
import { mapsDistDir } from '../maps/ensure';

/** The unit registry and the indicator catalog, loaded once per process from maps/dist and core. */
export interface Domain {
  registry: UnitRegistry;
  indicators: readonly Indicator[];
  indicator(id: string): Indicator | undefined;
}

export function loadDomain(distDir: string = mapsDistDir): Domain {
  const file = path.join(distDir, 'units.json');
  let data: UnitRegistryData;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as UnitRegistryData;
  } catch (err) {
    throw new Error(`cannot read the unit registry ${file}: run \`npm run maps\` first (${(err as Error).message})`);
  }
  return { registry: new UnitRegistry(data), indicators: ALL_INDICATORS, indicator: indicatorById };
}
