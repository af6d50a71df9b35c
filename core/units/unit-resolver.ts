import type { UnitNaming } from '../connectors/definition';
import type { UnitRegistry } from './registry';

/**
 * Resolves the way real systems name a unit to its official code (docs/connectors.md, "Naming units"):
 * - `code`: an official code of the registry (`01`, `00004`, `BYT`);
 * - `dvcqg`: the national public service portal's province codes (`H01` … `H61`, core/units/dvcqg-codes.ts);
 * - `legacy`: a pre-1/7/2025 province or commune code, converted with the 1/7/2025 mapping where it is one-to-one
 *   (maps/dist/unit-aliases.json, built from ../shared/maps-src/dvhcvn-20250701/); refused with its targets where not;
 * - `name`: a name with or without diacritics and type ("Phường Ba Đình", "phuong ba dinh", "Ba Đình", "UBND xã Hy
 *   Cương", "TP. Hồ Chí Minh"), unique within `within` (commune names repeat across provinces);
 * - `auto`: code, then dvcqg, then legacy, then name.
 */
export type UnitMatch =
  | { ok: true; code: string; via: Exclude<UnitNaming, 'auto'> }
  | { ok: false; code: 'unmapped_unit' | 'ambiguous_unit' | 'split_unit'; reason: string };

export interface UnitResolver {
  resolve(text: string, naming?: UnitNaming, within?: string): UnitMatch;
}

/** A pre-2025 unit of the 1/7/2025 mapping, as the map build writes it. */
export interface LegacyUnit {
  /** Its pre-2025 GSO code (2 digits for a province, 5 for a commune). */
  code: string;
  name: string;
  level: 'province' | 'commune';
  /** The current official codes it went into (one: a one-to-one conversion; several: a split). */
  targets: string[];
}

/** The file maps/dist/unit-aliases.json. */
export interface UnitAliasesData {
  version: string;
  legacy: LegacyUnit[];
}

export declare function createUnitResolver(registry: UnitRegistry, aliases: UnitAliasesData): UnitResolver;
