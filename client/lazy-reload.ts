/** How often the page asks whether the server answers again, after a lazy part of it failed to load. */
const RETRY_MS = 3_000;

/**
 * A lazy part of the app (a chart and ECharts, a screen) that could not be fetched, the server being unreachable at
 * that moment (a wall on a dropped network, a server restarting): the page reloads once the server answers again,
 * with its URL, which holds the view. A part that failed would otherwise stay missing until someone reloads the page
 * by hand (the browser keeps a module that failed), a hole in a wall screen that nobody may notice. Vite's own error
 * is stopped meanwhile (the failed import resolves to nothing, so the part is simply not drawn yet).
 */
export function reloadWhenLazyPartFails(): void {
  let waiting = false;
  window.addEventListener('vite:preloadError', (event) => {
    event.preventDefault();
    if (waiting) return;
    waiting = true;
    void untilServerAnswers().then(() => window.location.reload());
  });
}

async function untilServerAnswers(): Promise<void> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    try {
      if ((await fetch('/api/v1/health', { cache: 'no-store' })).ok) return;
    } catch {
      // still unreachable: ask again
    }
  }
}
