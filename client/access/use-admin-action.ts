import { ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { errorText } from '../api/error-text';

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
  const { t, te } = useI18n();
  const notice = ref<{ text: string; error: boolean } | null>(null);
  const pending = shallowRef<PendingAction | null>(null);

  async function run(fn: () => Promise<string>): Promise<void> {
    try {
      notice.value = { text: await fn(), error: false };
    } catch (e) {
      notice.value = { text: errorText(e, { t, te }), error: true };
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
