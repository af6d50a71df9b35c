import { computed, type ComputedRef, type Ref } from 'vue';

/**
 * Server time at client time `now`, from an answer that said `serverTime` when it arrived at client time
 * `receivedAt`: the server's clock moved on as much as ours since. Without an answer, the client's own time.
 */
export function serverTimeAt(now: number, answer: { serverTime: number; receivedAt: number } | null): number {
  return answer ? answer.serverTime + (now - answer.receivedAt) : now;
}

/**
 * "Server time now" for a scene fed by a polled answer carrying `serverTime` (a wall PC's clock may be wrong): ticks
 * with the page's clock `now`, and starts again from each new answer.
 */
export function useServerClock(
  answer: Readonly<Ref<{ serverTime: number } | null>>,
  receivedAt: Readonly<Ref<number | null>>,
  now: Readonly<Ref<number>>,
): ComputedRef<number> {
  return computed(() => {
    const a = answer.value;
    const at = receivedAt.value;
    return serverTimeAt(now.value, a && at ? { serverTime: a.serverTime, receivedAt: at } : null);
  });
}
