import { shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FeedsAnswer } from '../../core/contract/boards';
import type { UnitLevel } from '../../core/units/unit';
import { getJson } from '../api/http';
import { ROLLUP_SOURCE, sourceLabel, type SourceLabelKey } from '../display/source-label';

/** Source id → name, from the feeds board (`GET /api/v1/feeds`, the reader's scope), shared by the whole page. */
const names = shallowRef<ReadonlyMap<string, string>>(new Map());
let loadedAt = 0;
let loading: Promise<void> | null = null;
/** An id the board did not name is asked again at most this often (a source created since the page loaded). */
const RETRY_MS = 60_000;

function refresh(): void {
  if (loading || Date.now() - loadedAt < RETRY_MS) return;
  loading = getJson<FeedsAnswer>('/api/v1/feeds')
    .then((answer) => {
      names.value = new Map((answer.feeds ?? []).map((f) => [f.source, f.name]));
    })
    .catch(() => undefined) // the label falls back to the id; the next unknown id asks again
    .finally(() => {
      loadedAt = Date.now();
      loading = null;
    });
}

/**
 * A figure's source as a person reads it (display/source-label.ts), reactive: the names arrive with the first call of
 * `label` on the page. `level` is the unit's level, for a rollup ("Tổng hợp từ xã, phường" for a province).
 */
export function useSourceNames() {
  const { t } = useI18n();
  const tr = (key: SourceLabelKey, params?: Record<string, string>) => (params ? t(key, params) : t(key));
  function label(source: string | null | undefined, level?: UnitLevel): string {
    const known = names.value;
    if (source && source !== ROLLUP_SOURCE && !known.has(source.split('/')[0] ?? source)) refresh();
    return sourceLabel(source, known, tr, level);
  }
  return { names, label };
}
