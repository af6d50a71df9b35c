import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { UpstreamStatus } from '../../core/contract/boards';
import { getJson } from '../api/http';
import type { HealthAnswer } from '../../core/contract/health';
import { useConnectionStore } from './connection.store';

/** How often the header asks the server about its link to the IOC above. */
export const UPSTREAM_POLL_MS = 12_000;

/**
 * This IOC's link to the one above (docs/federation.md), read from `/api/v1/health` every 12 s while a header shows
 * it (the same answer's `missing` parts go to the connection store: its chip names what stopped). `status` is null on
 * an instance without an upstream. Every header that shows it takes a hold; the last to let go
 * stops the timer (a wall keeps several scenes, each with its header, alive).
 */
export const useUpstreamStore = defineStore('upstream', () => {
  const status = shallowRef<UpstreamStatus | null>(null);
  /** Client time of the last answer; the status is older than that when the server could not be asked. */
  const fetchedAt = ref<number | null>(null);
  let holds = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let asking = false;

  async function refresh(): Promise<void> {
    if (asking) return;
    asking = true;
    try {
      const health = await getJson<HealthAnswer>('/api/v1/health');
      status.value = health.upstream ?? null;
      useConnectionStore().setHealth(health);
      fetchedAt.value = Date.now();
    } catch {
      // a server that cannot answer says so in the connection chip and banner; the last word stays here
    } finally {
      asking = false;
      schedule();
    }
  }

  /** One timer at most, and none once nobody holds. */
  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = holds > 0 ? setTimeout(() => void refresh(), UPSTREAM_POLL_MS) : null;
  }

  function hold(): void {
    holds += 1;
    if (holds === 1) void refresh();
  }

  function release(): void {
    holds = Math.max(0, holds - 1);
    if (holds === 0) schedule();
  }

  return { status, fetchedAt, hold, release, refresh };
});
