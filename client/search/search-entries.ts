import type { Indicator } from '../../core/indicators/indicator';
import type { Unit } from '../../core/units/unit';
import type { SearchEntry } from './search-index';

/** Whether a unit is within a reader's scope: the nation sees all; a province itself and its communes; a commune itself. */
export function withinScope(unit: Pick<Unit, 'code' | 'parent'>, scope: string): boolean {
  return scope === 'VN' || unit.code === scope || unit.parent === scope;
}

/**
 * What the search box may find for a reader of `scope`: the provinces and communes within it (a commune with its
 * province's name as context) and the indicators a map can show. Units outside the scope are left out here as the
 * server refuses their views anyway.
 */
export function searchEntries(
  provinces: readonly Unit[],
  communes: readonly Unit[],
  indicators: readonly Pick<Indicator, 'id' | 'name'>[],
  scope: string,
): SearchEntry[] {
  const byCode = new Map(provinces.map((p) => [p.code, p]));
  const out: SearchEntry[] = [];
  for (const p of provinces) if (p.level === 'province' && withinScope(p, scope)) out.push({ kind: 'province', code: p.code, label: p.fullName });
  for (const c of communes) {
    if (c.level !== 'commune' || !c.parent || !withinScope(c, scope)) continue;
    const province = byCode.get(c.parent);
    // a commune user's scope is its commune: its province is named, though not itself found
    out.push({ kind: 'commune', code: c.code, label: c.fullName, parent: c.parent, ...(province ? { context: province.name } : {}) });
  }
  for (const i of indicators) out.push({ kind: 'indicator', code: i.id, label: i.name });
  return out;
}
