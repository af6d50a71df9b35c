/** Vietnamese texts of connectors (filled by the connectors page); English twins in connectors.en.ts. */
export const connectorsVi = {
  connectors: {
    title: 'Kết nối',
  },
};
