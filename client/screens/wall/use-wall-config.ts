import { computed, onBeforeUnmount, onMounted, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { DisplayConfig } from '../../../core/displays/display-config';
import { fetchDisplayConfig } from '../../api/display.api';
import { displayToken } from '../../api/credentials';
import { HttpError } from '../../api/http';
import { DEFAULT_MAP_INDICATOR } from '../overview/overview.config';
import { parseWallConfig, type WallConfig } from './wall.config';
import { isKnownScene } from './wall.scenes';

/** How often a display's wall re-reads its configuration: an admin's edit shows within this. */
export const CONFIG_POLL_MS = 20_000;

/**
 * What the wall rotates. A wall opened with a display code reads its scenes, interval, indicator and KPIs from the
 * server (`GET /api/v1/display`) and re-reads them every CONFIG_POLL_MS, so an edit reaches the wall without anyone
 * touching the wall PC; the indicator and KPIs go into the wall's own URL, where its scenes read them as at a desk.
 * A signed-in user's wall is configured by its URL (`/wall?scenes=…&interval=…&indicator=…&kpis=…`).
 */
export function useWallConfig() {
  const route = useRoute();
  const router = useRouter();
  const display = ref<DisplayConfig | null>(null);
  /** A code is in use and the server has not answered yet: nothing to rotate until it says what. */
  const waiting = ref(displayToken() !== null);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const query = (name: string) => (typeof route.query[name] === 'string' ? (route.query[name] as string) : null);
  const config = computed<WallConfig>(() =>
    display.value
      ? parseWallConfig(display.value.scenes.join(','), String(display.value.intervalS), isKnownScene)
      : parseWallConfig(query('scenes'), query('interval'), isKnownScene),
  );
  /** The interval as the URL asked for it (for the wall's note when it was out of range). */
  const askedInterval = computed(() => (display.value ? String(display.value.intervalS) : query('interval')));

  async function read(): Promise<void> {
    if (displayToken() === null) {
      waiting.value = false;
      return;
    }
    try {
      const next = await fetchDisplayConfig();
      if (JSON.stringify(next) !== JSON.stringify(display.value)) display.value = next;
      waiting.value = false;
    } catch (e) {
      // a refused code shows the revoked notice (the 401 is reported by the HTTP layer): stop asking
      if (e instanceof HttpError && e.code === 'unauthorized') stopped = true;
    }
    if (!stopped) timer = setTimeout(() => void read(), CONFIG_POLL_MS);
  }

  // the display's indicator and KPIs in the wall's URL: the scenes read them from there, as they do at a desk
  watch(
    display,
    (d) => {
      if (!d) return;
      const want: Record<string, string | undefined> = { indicator: d.indicator ?? DEFAULT_MAP_INDICATOR, kpis: d.kpis?.join(',') };
      if (Object.entries(want).every(([k, v]) => (route.query[k] ?? undefined) === v)) return;
      const next: Record<string, string> = {};
      for (const [k, v] of Object.entries(route.query)) if (typeof v === 'string' && !(k in want)) next[k] = v;
      for (const [k, v] of Object.entries(want)) if (v !== undefined) next[k] = v;
      void router.replace({ path: route.path, query: next });
    },
    { immediate: true },
  );

  onMounted(() => void read());
  onBeforeUnmount(() => {
    stopped = true;
    if (timer) clearTimeout(timer);
  });

  return { config, display, waiting, askedInterval };
}
