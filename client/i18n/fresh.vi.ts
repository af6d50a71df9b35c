/** Freshness on the map, figures' sources and the search box (Vietnamese). */
export const freshVi = {
  source: {
    label: 'Nguồn',
    line: 'Nguồn: {name}',
    rollupCommunes: 'Tổng hợp từ xã, phường',
    rollupProvinces: 'Tổng hợp từ tỉnh, thành phố',
    rollup: 'Tổng hợp',
    upload: 'Tải lên từ tệp',
    viaLink: '{origin} (qua {link})',
    unknown: 'Không rõ nguồn',
  },
  fresh: {
    updated: 'Cập nhật',
    updatedAgo: 'cập nhật {ago}',
    staleNote: 'Số liệu cũ (quá hạn) — cập nhật {ago}',
    legend: 'Số liệu cũ (quá hạn)',
    legendProvinces: '{count} tỉnh, thành phố',
    legendCommunes: '{count} xã, phường',
  },
  search: {
    label: 'Tìm tỉnh, xã, phường, chỉ tiêu',
    placeholder: 'Tìm kiếm (/)',
    results: 'Kết quả tìm kiếm',
    none: 'Không tìm thấy “{q}”',
    loading: 'Đang tải danh sách đơn vị…',
    count: '{n} kết quả',
    kind: {
      province: 'Tỉnh, thành phố',
      commune: 'Xã, phường',
      indicator: 'Chỉ tiêu',
    },
  },
};
