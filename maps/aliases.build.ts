import { NATION, UnitRegistry } from '../core/units/registry';
import type { UnitRegistryData } from '../core/units/unit';
import { createUnitResolver, type LegacyUnit, type UnitAliasesData } from '../core/units/unit-resolver';
import type { Log } from './pipeline';
import type { SplitProvince, SplitTarget } from './source.read';

export interface AliasStats {
  legacy: number;
  oneToOne: number;
  splits: number;
  /** Distinct target codes the registry does not have, placed by their names. */
  fixedTargets: number;
  /** Links (old unit → target) that went through such a fix. */
  fixedLinks: number;
}

/**
 * unit-aliases.json: every pre-2025 province and commune of the 1/7/2025 mapping, with the current units it went
 * into. The mapping follows Công văn 1027/CTK-CSCL (25/06/2025) and the registry a newer list, which renumbered two
 * communes (06970 there is 06978 here, Xã Ba Chẽ; 23737 is 23938, Xã Ia Mơ): a target the registry does not have is
 * placed by its name within the old unit's new province(s), with the resolver's own name rules, and printed; one that
 * still cannot be placed fails the build. Targets the registry has keep their codes even where the name has changed
 * since (Đồng Nai's communes that became wards in 2026).
 */
export function buildAliases(version: string, splits: SplitProvince[], units: UnitRegistryData, log: Log): { data: UnitAliasesData; stats: AliasStats } {
  const registry = new UnitRegistry(units);
  const names = createUnitResolver(registry, { version, legacy: [] });
  const fixes = new Map<string, string>();
  let fixedLinks = 0;
  let renamed = 0;

  /** The registry code of a target: its own, or the one its name finds within `provinces`. */
  const place = (target: SplitTarget, provinces: readonly string[], old: string): string => {
    const unit = registry.get(target.new_id);
    if (unit) {
      const byName = names.resolve(target.name, 'name', unit.parent ?? NATION);
      if (!byName.ok || byName.code !== unit.code) renamed++;
      return unit.code;
    }
    fixedLinks++;
    const key = `${target.new_id} ${target.name}`;
    const known = fixes.get(key);
    if (known) return known;
    const found = [...new Set(provinces.map((p) => names.resolve(target.name, 'name', p)).flatMap((m) => (m.ok ? [m.code] : [])))];
    if (found.length !== 1) {
      throw new Error(
        `unit-aliases: ${old} went into ${target.new_id} "${target.name}", which is not in the registry (${units.version}), ` +
          `and its name finds ${found.length === 0 ? 'no unit' : `${found.length} units (${found.join(', ')})`} within ${provinces.join(', ')}`,
      );
    }
    const code = found[0]!;
    fixes.set(key, code);
    log(`maps: unit-aliases: target ${target.new_id} "${target.name}" is ${code} "${registry.get(code)?.fullName.vi}" in the registry`);
    return code;
  };
  const targetsOf = (list: SplitTarget[], provinces: readonly string[], old: string) => [...new Set(list.map((t) => place(t, provinces, old)))];

  const legacy: LegacyUnit[] = [];
  for (const province of splits) {
    const provinceTargets = targetsOf(province.splits, [NATION], province.level1_id);
    legacy.push({ code: province.level1_id, name: province.name, level: 'province', targets: provinceTargets });
    for (const commune of province.level3s) {
      legacy.push({ code: commune.level3_id, name: commune.name, level: 'commune', targets: targetsOf(commune.splits, provinceTargets, commune.level3_id) });
    }
  }
  const seen = new Set<string>();
  for (const old of legacy) {
    if (seen.has(old.code)) throw new Error(`unit-aliases: the old code ${old.code} appears twice in the mapping`);
    seen.add(old.code);
  }
  const splitCount = legacy.filter((u) => u.targets.length > 1).length;
  const stats: AliasStats = { legacy: legacy.length, oneToOne: legacy.length - splitCount, splits: splitCount, fixedTargets: fixes.size, fixedLinks };
  log(
    `maps: unit-aliases: ${stats.legacy} pre-2025 units (${stats.oneToOne} one-to-one, ${stats.splits} split), ` +
      `${stats.fixedTargets} targets placed by name (${stats.fixedLinks} links), ${renamed} links whose target's name does not find its code`,
  );
  return { data: { version, legacy }, stats };
}
