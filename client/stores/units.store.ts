import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { Locale } from '../../core/i18n';
import { UnitRegistry } from '../../core/units/registry';
import type { Unit, UnitLevel, UnitRegistryData } from '../../core/units/unit';
import { getJson } from '../api/http';

/**
 * The unit registry from `/api/v1/units`. The national screen needs the nation and its provinces only, so it loads
 * those levels (a few kB) rather than all 3,321 communes.
 */
export const useUnitsStore = defineStore('units', () => {
  const registry = shallowRef<UnitRegistry | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function load(levels: readonly UnitLevel[] = ['national', 'province']): Promise<void> {
    if (loading.value) return;
    loading.value = true;
    error.value = null;
    try {
      const answers = await Promise.all(
        levels.map((level) => getJson<UnitRegistryData>(`/api/v1/units?level=${encodeURIComponent(level)}`)),
      );
      const byCode = new Map<string, Unit>();
      for (const answer of answers) for (const unit of answer.units ?? []) byCode.set(unit.code, unit);
      registry.value = new UnitRegistry({ version: answers[0]?.version ?? '', units: [...byCode.values()] });
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
      throw e;
    } finally {
      loading.value = false;
    }
  }

  const childrenLoaded = new Set<string>();

  /** Add the communes of one province (for its names and siblings), once; the nation and provinces must be loaded. */
  async function ensureChildren(parent: string): Promise<void> {
    if (childrenLoaded.has(parent) || !registry.value) return;
    childrenLoaded.add(parent);
    try {
      const answer = await getJson<UnitRegistryData>(`/api/v1/units?parent=${encodeURIComponent(parent)}`);
      const current = registry.value;
      if (!current) return;
      const byCode = new Map(current.all().map((u) => [u.code, u]));
      for (const unit of answer.units ?? []) if (unit.parent && byCode.has(unit.parent)) byCode.set(unit.code, unit);
      registry.value = new UnitRegistry({ version: current.version, units: [...byCode.values()] });
    } catch (e) {
      childrenLoaded.delete(parent);
      throw e;
    }
  }

  /** Units directly under `code`, of one level when given. */
  function children(code: string, level?: UnitLevel): readonly Unit[] {
    return registry.value?.children(code, level) ?? [];
  }

  function get(code: string): Unit | undefined {
    return registry.value?.get(code);
  }

  function name(code: string, locale: Locale): string | undefined {
    return registry.value?.get(code)?.name[locale];
  }

  /** Provinces and centrally-run cities under the nation. */
  function provinces(): readonly Unit[] {
    return registry.value?.children('VN', 'province') ?? [];
  }

  return { registry, loading, error, load, ensureChildren, children, get, name, provinces };
});
