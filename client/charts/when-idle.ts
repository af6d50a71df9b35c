/**
 * Resolves in the main thread's first idle period, or after `timeoutMs` at the latest. Charts are secondary to the map
 * and the numbers: loading ECharts (~160 kB gzip to parse and run) while the map draws its first frames takes those
 * frames' time on a wall PC without a GPU, where each map frame already costs tens of milliseconds.
 */
export function whenIdle(timeoutMs = 2_000): Promise<void> {
  return new Promise((resolve) => {
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, 0);
  });
}
