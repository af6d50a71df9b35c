/** How long the page waits before it first asks whether the server answers again, after a lazy part failed to load. */
const RETRY_MS = 3_000;
/** The longest wait between reloads, should a part keep failing though the server answers (a broken build). */
const MAX_WAIT_MS = 5 * 60_000;
/** Reloads further apart than this start again from the first wait. */
const CALM_MS = 10 * 60_000;
const KEY = 'ioc:lazy-reloads';

/**
 * A lazy part of the app (a chart and ECharts, a screen) that could not be fetched, the server being unreachable at
 * that moment (a wall on a dropped network, a server restarting): the page reloads once the server answers again,
 * with its URL, which holds the view. A part that failed would otherwise stay missing until someone reloads the page
 * by hand (the browser keeps a module that failed), a hole in a wall screen that nobody may notice. Vite's own error
 * is stopped meanwhile (the failed import resolves to nothing, so the part is simply not drawn yet). Should the part
 * fail again right after a reload, each next reload waits twice as long (up to 5 minutes): no reload storm.
 */
export function reloadWhenLazyPartFails(): void {
  let waiting = false;
  window.addEventListener('vite:preloadError', (event) => {
    event.preventDefault();
    if (waiting) return;
    waiting = true;
    const { waitMs, count } = nextReload(readSaved(), Date.now());
    void untilServerAnswers(waitMs).then(() => {
      writeSaved({ n: count, at: Date.now() });
      window.location.reload();
    });
  });
}

async function untilServerAnswers(firstWaitMs: number): Promise<void> {
  let wait = firstWaitMs;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = RETRY_MS;
    try {
      if ((await fetch('/api/v1/health', { cache: 'no-store' })).ok) return;
    } catch {
      // still unreachable: ask again
    }
  }
}

/**
 * The wait before the next reload for a failed part, and how many such reloads it makes in a row: the first waits
 * RETRY_MS, each one within CALM_MS of the last waits twice as long, up to MAX_WAIT_MS. `saved` is what the last
 * reload left in the tab's session storage (anything else counts as none).
 */
export function nextReload(saved: unknown, now: number): { waitMs: number; count: number } {
  const s = saved as { n?: unknown; at?: unknown } | null;
  const recent =
    typeof s?.n === 'number' && typeof s.at === 'number' && now - s.at <= CALM_MS ? Math.max(0, Math.min(10, Math.floor(s.n))) : 0;
  return { waitMs: Math.min(MAX_WAIT_MS, RETRY_MS * 2 ** recent), count: recent + 1 };
}

function readSaved(): unknown {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
  } catch {
    return null; // storage unavailable or unreadable: start from the first wait
  }
}

function writeSaved(value: { n: number; at: number }): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(value));
  } catch {
    // storage unavailable: the next failure waits the first wait again
  }
}
