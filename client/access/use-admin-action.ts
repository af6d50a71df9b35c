import { ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { HttpError } from '../api/http';

export interface PendingAction {
  message: string;
  label: string;
  danger?: boolean;
  /** Does the change; answers the sentence to show when it is done. */
  run: () => Promise<string>;
}

/**
 * A change made from a list (revoke, delete, rotate, disable): asked first when it cannot be undone, then said in the
 * page's notice, done or failed, in words of who must act (an expired session, a refusal, an error).
 */
export function useAdminAction() {
  const { t } = useI18n();
  const notice = ref<{ text: string; error: boolean } | null>(null);
  const pending = shallowRef<PendingAction | null>(null);

  function errorText(e: unknown): string {
    if (e instanceof HttpError && (e.status === 401 || e.code === 'csrf')) return t('admin.common.sessionExpired');
    if (e instanceof HttpError && e.status === 403) return t('admin.common.forbidden', { detail: e.message });
    return t('admin.common.error', { detail: e instanceof Error ? e.message : String(e) });
  }

  async function run(fn: () => Promise<string>): Promise<void> {
    try {
      notice.value = { text: await fn(), error: false };
    } catch (e) {
      notice.value = { text: errorText(e), error: true };
    }
  }

  function ask(action: PendingAction): void {
    pending.value = action;
  }
  async function confirm(): Promise<void> {
    const action = pending.value;
    pending.value = null;
    if (action) await run(action.run);
  }
  function cancel(): void {
    pending.value = null;
  }
  function say(text: string): void {
    notice.value = { text, error: false };
  }

  return { notice, pending, ask, confirm, cancel, run, say };
}
