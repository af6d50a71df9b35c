import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { serverTimeAt, useServerClock } from './use-server-clock';

describe('serverTimeAt', () => {
  it('is the answer’s server time plus the time since it arrived', () => {
    expect(serverTimeAt(10_500, { serverTime: 1_000_000, receivedAt: 10_000 })).toBe(1_000_500);
  });
  it('is the client’s time without an answer', () => {
    expect(serverTimeAt(10_500, null)).toBe(10_500);
  });
});

describe('useServerClock', () => {
  it('ticks with the page clock and starts again from each answer', () => {
    const answer = ref<{ serverTime: number } | null>(null);
    const at = ref<number | null>(null);
    const now = ref(5_000);
    const clock = useServerClock(answer, at, now);
    expect(clock.value).toBe(5_000);
    answer.value = { serverTime: 90_000 };
    at.value = 5_000;
    expect(clock.value).toBe(90_000);
    now.value = 6_000;
    expect(clock.value).toBe(91_000);
    answer.value = { serverTime: 95_000 }; // a wall PC's clock runs slow: the new answer corrects it
    at.value = 6_000;
    expect(clock.value).toBe(95_000);
  });
  it('waits for the arrival time as well as the answer', () => {
    const clock = useServerClock(ref({ serverTime: 90_000 }), ref(null), ref(5_000));
    expect(clock.value).toBe(5_000);
  });
});
