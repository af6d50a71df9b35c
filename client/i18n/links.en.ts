import type { linksVi } from './links.vi';

/** English texts of federation links. */
export const linksEn: typeof linksVi = {
  links: {
    alertName: 'Downstream IOC link silent',
    alertValue: '{n} min',
    state: {
      connected: 'Connected',
      lagging: 'Lagging',
      down: 'Down',
      refused: 'Refused',
      never: 'Never connected',
    },
    chip: 'Upstream: {state}',
    chipTitle: 'Link to the IOC above, {host}',
    chipBacklog: '{n} figures waiting to be sent',
    upstream: 'IOC above',
    downstream: 'IOC below',
    backlog: '{n} unsent',
    oldest: 'oldest {age}',
  },
};
