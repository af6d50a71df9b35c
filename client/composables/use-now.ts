import { onBeforeUnmount, onMounted, type Ref, ref } from 'vue';

const now = ref(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | null = null;

/**
 * One shared clock for the page, ticking every second while any component uses it (the header clock, ages, the
 * offline banner): one timer, not one per tile.
 */
export function useNow(): Readonly<Ref<number>> {
  onMounted(() => {
    users += 1;
    if (!timer) {
      now.value = Date.now();
      timer = setInterval(() => {
        now.value = Date.now();
      }, 1_000);
    }
  });
  onBeforeUnmount(() => {
    users -= 1;
    if (users <= 0 && timer) {
      clearInterval(timer);
      timer = null;
      users = 0;
    }
  });
  return now;
}
