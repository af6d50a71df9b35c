import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Indicator } from '../../core/indicators/indicator';
import { getJson } from '../api/http';

/** The indicator catalog from `/api/v1/indicators`. */
export const useIndicatorsStore = defineStore('indicators', () => {
  const list = shallowRef<readonly Indicator[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);

  const byId = computed(() => new Map(list.value.map((i) => [i.id, i])));
  /** Indicators that provinces report or roll up to, i.e. that can colour the national map. */
  const mappable = computed(() => list.value.filter((i) => i.levels.includes('province')));

  function get(id: string): Indicator | undefined {
    return byId.value.get(id);
  }

  async function load(): Promise<void> {
    if (loading.value) return;
    loading.value = true;
    error.value = null;
    try {
      const body = await getJson<{ indicators: Indicator[] }>('/api/v1/indicators');
      list.value = Array.isArray(body.indicators) ? body.indicators : [];
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
      throw e;
    } finally {
      loading.value = false;
    }
  }

  return { list, loading, error, byId, mappable, get, load };
});
