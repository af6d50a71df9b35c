import { ref, shallowRef } from 'vue';
import type { Silence, SilenceTarget } from '../../../core/alerts/silence';
import { getJson, HttpError, sendJson } from '../../api/http';

export type SilenceState = 'active' | 'upcoming' | 'over';

/** Where a silence stands at `now`: in force, still to come, or over (ended or ended early). */
export function silenceState(s: Silence, now: number): SilenceState {
  return now >= s.endsAt ? 'over' : now < s.startsAt ? 'upcoming' : 'active';
}

/** The silences of the reader's scope (GET /api/v1/silences), created and ended early from the alerts page. */
export function useSilences() {
  const items = shallowRef<Silence[]>([]);
  const error = ref<string | null>(null);
  const issues = ref<string[]>([]);
  const busy = ref(false);

  async function load(): Promise<void> {
    try {
      items.value = (await getJson<{ items: Silence[] }>('/api/v1/silences')).items ?? [];
      error.value = null;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  /** Sends a change; true when the server took it (then the list is read again). */
  async function send(url: string, body?: unknown): Promise<boolean> {
    busy.value = true;
    issues.value = [];
    try {
      await sendJson('POST', url, body);
      await load();
      return true;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
      issues.value = e instanceof HttpError ? [...e.issues] : [];
      return false;
    } finally {
      busy.value = false;
    }
  }

  const create = (input: { target: SilenceTarget; startsAt?: string; endsAt: string; comment: string }) => send('/api/v1/silences', input);
  const end = (id: string) => send(`/api/v1/silences/${encodeURIComponent(id)}/end`);

  return { items, error, issues, busy, load, create, end };
}
