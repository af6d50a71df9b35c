import { nextTick, type Ref, watch } from 'vue';

/**
 * When a detail panel closes, keyboard focus returns to where the unit was picked (its table row or list link) rather
 * than falling back to the page: an operator on a keyboard carries on from the same place.
 */
export function useFocusReturn(openUnit: Ref<string | null>): void {
  watch(openUnit, (now, before) => {
    if (now || !before) return;
    void nextTick(() => {
      const target = document.querySelector<HTMLElement>(`tr[data-code="${before}"], li[data-code="${before}"] a`);
      target?.focus({ preventScroll: false });
    });
  });
}
