import { computed, onBeforeUnmount, onMounted, ref, type ComputedRef, type Ref } from 'vue';
import { useAdminList } from './use-admin-list';

/**
 * An admin list that lives: reloaded every `refreshMs`, with the server's clock (its answer's `serverTime`) so ages
 * stay right on a PC whose clock is wrong. `fetch` answers the rows and the server time.
 */
export function useLiveAdminList<T>(fetch: () => Promise<{ serverTime: number; rows: T[] }>, refreshMs: number, now: Ref<number>) {
  /** Server time minus client time at the last answer. */
  const offset = ref(0);
  const list = useAdminList(async () => {
    const answer = await fetch();
    offset.value = answer.serverTime - Date.now();
    return answer.rows;
  });
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => (timer = setInterval(() => void list.reload(), refreshMs)));
  onBeforeUnmount(() => clearInterval(timer));
  const serverNow: ComputedRef<number> = computed(() => now.value + offset.value);
  return { ...list, serverNow };
}
