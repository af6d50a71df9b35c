import type { phoneVi } from './phone.vi';

/** English texts of the phone layout; Vietnamese first in phone.vi.ts. */
export const phoneEn: typeof phoneVi = {
  phone: {
    mapTwoFingers: 'Use two fingers to move and zoom the map; tap to open',
    mapCtrlScroll: 'Hold Ctrl and scroll to zoom the map',
    mapCmdScroll: 'Hold ⌘ and scroll to zoom the map',
  },
};
