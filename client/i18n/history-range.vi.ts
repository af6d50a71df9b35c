/** Vietnamese texts of the history window picker, the value's source and the simulated-data note (unit detail). */
export const historyRangeVi = {
  historyRange: {
    from: 'Từ ngày',
    to: 'Đến ngày',
    apply: 'Xem',
    window: '{from} – {to}',
    missing: 'Chọn cả ngày bắt đầu và ngày kết thúc.',
    order: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.',
    future: 'Ngày bắt đầu chưa tới.',
    long: 'Khoảng thời gian tối đa 2 năm.',
    source: 'Nguồn: {name}, cập nhật {time}',
    simulated: 'Số liệu mô phỏng',
    simulatedHint: 'Số liệu do bộ mô phỏng tích hợp tạo ra, không phải số liệu thật của đơn vị.',
    compareUnit: 'Đơn vị khác',
  },
};
