import { defineStore } from 'pinia';
import { ref } from 'vue';

/** What the user (or the wall screen's URL) has chosen to look at. */
export const useSelectionStore = defineStore('selection', () => {
  /** The indicator colouring the map; `null` until the catalog has loaded and a default is picked. */
  const indicatorId = ref<string | null>(null);

  function selectIndicator(id: string | null): void {
    indicatorId.value = id;
  }

  return { indicatorId, selectIndicator };
});
