import { markRaw, onBeforeUnmount, onMounted, type Ref, watch } from 'vue';
import { type Chart, type ChartOption, createChart } from './echarts';

/**
 * Owns one chart's life (STYLE §7): created on mount, updated in place with setOption (never re-created), resized
 * with its box (debounced), disposed on unmount.
 */
export function useEcharts(element: Ref<HTMLElement | null>, option: Ref<ChartOption | null>): void {
  let chart: Chart | null = null;
  let observer: ResizeObserver | null = null;
  let resizeTimer: ReturnType<typeof setTimeout> | null = null;

  function render(): void {
    if (chart && option.value) chart.setOption(option.value, { lazyUpdate: true });
  }

  onMounted(() => {
    if (!element.value) return;
    chart = markRaw(createChart(element.value));
    render();
    observer = new ResizeObserver(() => {
      if (resizeTimer) clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => chart?.resize(), 120);
    });
    observer.observe(element.value);
  });

  watch(option, render);

  onBeforeUnmount(() => {
    if (resizeTimer) clearTimeout(resizeTimer);
    observer?.disconnect();
    chart?.dispose();
    chart = null;
  });
}
