/** Vietnamese texts of uploads (filled by the uploads page); English twins in uploads.en.ts. */
export const uploadsVi = {
  uploads: {
    title: 'Tải lên số liệu',
  },
};
