import { computed, watch, type ComputedRef, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { formatAgo, formatTime } from '../../core/format';
import type { Locale } from '../../core/i18n';
import { useConnectionStore } from '../stores/connection.store';
import type { Polling } from './use-polling';
import { useLocale } from './use-locale';
import { useServerClock } from './use-server-clock';

type Translate = (key: string, values: Record<string, string>) => string;

/**
 * The line a board shows when its refresh failed: before any answer, the failure itself (nothing to show); after one,
 * that the figures below are from the last answer, at what time and how long ago (`failedKey` takes {time} and {ago}).
 * Null while the last refresh worked.
 */
export function refreshFailureText(
  failure: { error: string | null; fetchedAt: number | null },
  now: number,
  locale: Locale,
  t: Translate,
  failedKey: string,
): string | null {
  if (!failure.error) return null;
  const at = failure.fetchedAt;
  return at === null ? t('app.loadFailed', { detail: failure.error }) : t(failedKey, { time: formatTime(at), ago: formatAgo(now - at, locale) });
}

/**
 * What a wall scene fed by a polled board (an answer carrying `serverTime`) needs beside its figures: the server's
 * time now (its clock, not the wall PC's), the failure line (refreshFailureText), and the header's "updated at" and
 * the offline banner's "stopped at" moved by every answer, as by a socket delta.
 */
export function useBoardRefresh<T extends { serverTime: number }>(
  board: Polling<T>,
  now: Readonly<Ref<number>>,
  failedKey: string,
): { serverNow: ComputedRef<number>; error: ComputedRef<string | null> } {
  const { t } = useI18n();
  const locale = useLocale();
  const connection = useConnectionStore();
  watch(board.fetchedAt, (at) => at !== null && connection.markUpdated(at));
  return {
    serverNow: useServerClock(board.data, board.fetchedAt, now),
    error: computed(() => refreshFailureText({ error: board.error.value, fetchedAt: board.fetchedAt.value }, now.value, locale.value, t, failedKey)),
  };
}
