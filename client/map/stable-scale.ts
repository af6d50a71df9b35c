import { type Ref, shallowRef, watch } from 'vue';
import type { Indicator } from '../../core/indicators/indicator';
import { buildColorScale, type ColorScale } from './color-scale';

/** Rebuild the classes at most this often while the data stays inside them. */
export const SCALE_REFRESH_MS = 60_000;

interface Built {
  key: string;
  at: number;
  scale: ColorScale;
}

/** Whether a legend must change: another indicator or period, no classes yet, a value beyond the ends, or old. */
export function mustRebuild(built: Built | null, key: string, values: readonly number[], now: number): boolean {
  if (!built || built.key !== key) return true;
  if (now - built.at >= SCALE_REFRESH_MS) return true;
  const { breaks, basis } = built.scale;
  if (basis === 'range') return false;
  const lo = breaks[0] ?? Number.NEGATIVE_INFINITY;
  const hi = breaks[breaks.length - 1] ?? Number.POSITIVE_INFINITY;
  return values.some((v) => v < lo || v > hi);
}

/**
 * The map's colour classes, kept steady: a wall-screen legend must not jump with every delta (4 a second). Classes
 * are rebuilt when the indicator or period changes, when a value leaves them, or once a minute.
 */
export function useStableScale(
  indicator: Ref<Indicator | null>,
  period: Ref<string | undefined>,
  values: Ref<readonly number[]>,
  /** What else makes other classes: the drilled province (communes of two provinces are not one data set). */
  context?: Ref<string>,
): Ref<ColorScale | null> {
  const scale = shallowRef<ColorScale | null>(null);
  let built: Built | null = null;
  watch(
    [indicator, period, values, () => context?.value],
    () => {
      const i = indicator.value;
      if (!i) {
        built = null;
        scale.value = null;
        return;
      }
      const key = `${i.id}|${period.value ?? ''}|${context?.value ?? ''}|${values.value.length > 0 ? 'data' : 'empty'}`;
      const now = Date.now();
      if (!mustRebuild(built, key, values.value, now)) return;
      built = { key, at: now, scale: buildColorScale(i, values.value) };
      scale.value = built.scale;
    },
    { immediate: true },
  );
  return scale;
}
