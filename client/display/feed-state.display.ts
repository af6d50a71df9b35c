import type { FeedState } from '../../core/feeds/feed-state';
import type { IconName } from '../components/state-icons';

/** How each feed state looks: never colour alone — an icon and a word (i18n `feeds.state.<state>`) go with it. */
export const FEED_STATE_DISPLAY: Readonly<Record<FeedState, { icon: IconName; tone: 'ok' | 'warn' | 'crit' | 'none' | 'info' }>> =
  Object.freeze({
    ok: { icon: 'check', tone: 'ok' },
    late: { icon: 'clock', tone: 'warn' },
    stale: { icon: 'hourglass', tone: 'crit' },
    failing: { icon: 'cross', tone: 'crit' },
    never: { icon: 'circle', tone: 'none' },
  });
