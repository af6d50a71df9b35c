/** Vietnamese texts of federation links (header chip, feed board, admin page); English twins in links.en.ts. */
export const linksVi = {
  links: {
    alertName: 'Liên thông IOC cấp dưới im lặng',
    alertValue: '{n} phút',
    state: {
      connected: 'Đã kết nối',
      lagging: 'Chậm',
      down: 'Mất kết nối',
      refused: 'Bị từ chối',
      never: 'Chưa kết nối',
    },
    chip: 'Liên thông: {state}',
    chipTitle: 'Liên thông lên IOC cấp trên {host}',
    chipBacklog: '{n} số liệu chờ gửi',
    upstream: 'IOC cấp trên',
    downstream: 'IOC cấp dưới',
    backlog: 'chờ gửi {n}',
    oldest: 'cũ nhất {age}',
  },
};
