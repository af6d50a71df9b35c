import { computed, ref, shallowRef } from 'vue';
import type { Unit, UnitRegistryData } from '../../core/units/unit';
import { getJson } from '../api/http';
import { useIndicatorsStore } from '../stores/indicators.store';
import { useSessionStore } from '../stores/session.store';
import { useUnitsStore } from '../stores/units.store';
import { mappable } from '../screens/overview/overview.config';
import { searchEntries } from './search-entries';
import { SearchIndex } from './search-index';
import { isProvinceCode } from '../../core/units/unit-code';

/**
 * The communes the search may find, per scope, fetched once per page on the box's first focus: the units store holds
 * only the communes of the provinces drilled into, and the national screen never needs all 3,321 otherwise.
 */
const communesOf = new Map<string, Promise<readonly Unit[]>>();

function loadCommunes(scope: string): Promise<readonly Unit[]> {
  let p = communesOf.get(scope);
  if (!p) {
    // a province reader needs only its own communes (~100 kB less than the whole country's list)
    const url = isProvinceCode(scope) ? `/api/v1/units?parent=${encodeURIComponent(scope)}` : '/api/v1/units?level=commune';
    p = getJson<UnitRegistryData>(url).then((a) => a.units ?? []);
    p.catch(() => communesOf.delete(scope)); // asked again at the next focus
    communesOf.set(scope, p);
  }
  return p;
}

/**
 * The search box's data: its index over the provinces and communes within the reader's scope and the indicators a map
 * shows (search-entries.ts), built once what it needs has loaded (`prepare`, on the box's first focus).
 */
export function useSearch() {
  const units = useUnitsStore();
  const indicators = useIndicatorsStore();
  const session = useSessionStore();
  const communes = shallowRef<readonly Unit[]>([]);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const scope = computed(() => {
    const p = session.principal;
    return p.kind === 'user' || p.kind === 'display' ? p.scope : 'VN';
  });

  async function prepare(): Promise<void> {
    if (status.value === 'loading' || status.value === 'ready') return;
    status.value = 'loading';
    try {
      const [list] = await Promise.all([
        loadCommunes(scope.value),
        units.registry ? Promise.resolve() : units.load(),
        indicators.list.length > 0 ? Promise.resolve() : indicators.load(),
      ]);
      communes.value = list;
      status.value = 'ready';
    } catch {
      status.value = 'error';
    }
  }

  const index = computed(() => new SearchIndex(searchEntries(units.provinces(), communes.value, mappable(indicators.list), scope.value)));
  return { index, status, scope, prepare };
}
