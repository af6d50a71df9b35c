import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/**
 * The content size of an element, kept current with one ResizeObserver (disconnected on unmount). A hidden element
 * (a kept-alive wall scene off screen) reports 0 × 0: the last real size is kept, so nothing re-lays out for nothing.
 */
export function useBoxSize(element: Ref<HTMLElement | null>): { width: Ref<number>; height: Ref<number> } {
  const width = ref(0);
  const height = ref(0);
  let observer: ResizeObserver | null = null;
  onMounted(() => {
    if (!element.value) return;
    observer = new ResizeObserver((entries) => {
      const rect = entries[0]?.contentRect;
      if (!rect || rect.width === 0 || rect.height === 0) return;
      width.value = Math.round(rect.width);
      height.value = Math.round(rect.height);
    });
    observer.observe(element.value);
  });
  onBeforeUnmount(() => {
    observer?.disconnect();
    observer = null;
  });
  return { width, height };
}
