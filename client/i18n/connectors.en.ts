import type { connectorsVi } from './connectors.vi';

/** English texts of connectors; the Vietnamese ones in connectors.vi.ts are the reference. */
export const connectorsEn: typeof connectorsVi = {
  connectors: {
    title: 'Connectors',
  },
};
