import type { LinkState } from '../../core/federation/link-state';
import type { IconName } from '../components/state-icons';

/** How each federation link state looks: an icon and a word (i18n `links.state.<state>`) go with the colour. */
export const LINK_STATE_DISPLAY: Readonly<Record<LinkState, { icon: IconName; tone: 'ok' | 'warn' | 'crit' | 'none' }>> = Object.freeze({
  connected: { icon: 'check', tone: 'ok' },
  lagging: { icon: 'hourglass', tone: 'warn' },
  down: { icon: 'cross', tone: 'crit' },
  refused: { icon: 'octagon', tone: 'crit' },
  never: { icon: 'circle', tone: 'none' },
});
