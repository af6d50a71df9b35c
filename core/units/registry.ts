import type { Unit, UnitLevel, UnitRegistryData } from './unit';

export const NATION = 'VN';

/** Lookups over the unit list. Built once from maps/dist/units.json; never hard-codes a unit. */
export class UnitRegistry {
  readonly version: string;
  private readonly byCode = new Map<string, Unit>();
  private readonly childrenOf = new Map<string, Unit[]>();

  constructor(data: UnitRegistryData) {
    this.version = data.version;
    for (const unit of data.units) {
      if (this.byCode.has(unit.code)) throw new Error(`duplicate unit code ${unit.code}`);
      this.byCode.set(unit.code, unit);
    }
    for (const unit of data.units) {
      if (unit.parent === null) continue;
      if (!this.byCode.has(unit.parent)) throw new Error(`unit ${unit.code} has unknown parent ${unit.parent}`);
      const list = this.childrenOf.get(unit.parent) ?? [];
      list.push(unit);
      this.childrenOf.set(unit.parent, list);
    }
  }

  get size(): number {
    return this.byCode.size;
  }

  get(code: string): Unit | undefined {
    return this.byCode.get(code);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /** Children of a unit, optionally of one level (the nation's children are provinces and ministries). */
  children(code: string, level?: UnitLevel): readonly Unit[] {
    const all = this.childrenOf.get(code) ?? [];
    return level ? all.filter((u) => u.level === level) : all;
  }

  /** Parent, grandparent … up to the nation, nearest first. */
  ancestors(code: string): string[] {
    const chain: string[] = [];
    let unit = this.byCode.get(code);
    while (unit?.parent) {
      chain.push(unit.parent);
      unit = this.byCode.get(unit.parent);
    }
    return chain;
  }

  all(level?: UnitLevel): Unit[] {
    const units = [...this.byCode.values()];
    return level ? units.filter((u) => u.level === level) : units;
  }

  /** True when `code` is `scope` itself or lies below it. */
  isWithin(code: string, scope: string): boolean {
    // walked up without building the ancestors' list: validation asks this for every item of every batch
    for (let c: string | null | undefined = code; c; c = this.byCode.get(c)?.parent) if (c === scope) return true;
    return false;
  }
}
