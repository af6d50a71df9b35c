import type { FeedState } from './feed-state';

/** The feed board's order, worst first: failing, stale, late, never sent, on time. */
export const FEED_STATES_WORST_FIRST: readonly FeedState[] = Object.freeze(['failing', 'stale', 'late', 'never', 'ok']);

const severity = new Map(FEED_STATES_WORST_FIRST.map((s, i) => [s, i]));
const collator = new Intl.Collator('vi');

export interface BoardFeed {
  name: string;
  state: FeedState;
  lastSeenAt: number | null;
}

/** Worst state first; within a state the longest silent first (never sent: by name); then by name. */
export function sortFeedsWorstFirst<F extends BoardFeed>(feeds: readonly F[]): F[] {
  return [...feeds].sort((a, b) => {
    const bySeverity = (severity.get(a.state) ?? 99) - (severity.get(b.state) ?? 99);
    if (bySeverity !== 0) return bySeverity;
    if (a.lastSeenAt !== b.lastSeenAt) {
      if (a.lastSeenAt === null) return 1;
      if (b.lastSeenAt === null) return -1;
      return a.lastSeenAt - b.lastSeenAt;
    }
    return collator.compare(a.name, b.name);
  });
}

/** How many feeds are in each state (every state present, zero included). */
export function countFeedStates(feeds: readonly Pick<BoardFeed, 'state'>[]): Record<FeedState, number> {
  const out = Object.fromEntries(FEED_STATES_WORST_FIRST.map((s) => [s, 0])) as Record<FeedState, number>;
  for (const f of feeds) if (f.state in out) out[f.state] += 1;
  return out;
}
