import { HttpError } from './http';

/** vue-i18n's `t` and `te`, as far as needed here (a component passes its own `useI18n()`). */
export interface ErrorWords {
  t: (key: string, params?: Record<string, unknown>) => string;
  te: (key: string) => boolean;
}

/**
 * The words for a failed request, by its code, never by its message text (docs/api.md "Errors"): an ended session
 * asks to sign in again, a refusal says why in the page's language, an operational failure says to try again later.
 * Anything else is `fallback` (an i18n key taking `{detail}`) with the server's message as the detail.
 */
export function errorText(e: unknown, { t, te }: ErrorWords, fallback = 'admin.common.error'): string {
  if (!(e instanceof HttpError)) return t(fallback, { detail: e instanceof Error ? e.message : String(e) });
  if (e.code === 'csrf' || (e.code === 'unauthorized' && (e.access === undefined || e.access === 'no_session' || e.access === 'session_expired'))) {
    return t('admin.common.sessionExpired');
  }
  if (e.access !== undefined && e.code === 'unauthorized') return t(`errors.access.${e.access}`);
  if (e.code === 'forbidden') return t('admin.common.forbidden', { detail: e.access !== undefined ? t(`errors.access.${e.access}`) : e.message });
  if (te(`errors.code.${e.code}`)) return t(`errors.code.${e.code}`);
  return t(fallback, { detail: e.message });
}
