import type { uploadsVi } from './uploads.vi';

/** English texts of uploads; the Vietnamese ones in uploads.vi.ts are the reference. */
export const uploadsEn: typeof uploadsVi = {
  uploads: {
    title: 'Upload figures',
  },
};
