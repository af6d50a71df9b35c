import { adminVi } from './admin.vi';
import { alertsVi } from './alerts.vi';
import { authVi } from './auth.vi';
import { boardsVi } from './boards.vi';
import { drillVi } from './drill.vi';
import { freshVi } from './fresh.vi';
import { linksVi } from './links.vi';
import { connectorsVi } from './connectors.vi';
import { uploadsVi } from './uploads.vi';
import { reportsVi } from './reports.vi';
import { phoneVi } from './phone.vi';
import { historyRangeVi } from './history-range.vi';
import { wallVi } from './wall.vi';
import { errorsVi } from './errors.vi';

/** Vietnamese UI texts (the default). Every key here has its English twin in en.ts. */
export const vi = {
  ...boardsVi,
  ...alertsVi,
  ...authVi,
  ...adminVi,
  ...drillVi,
  ...freshVi,
  ...linksVi,
  ...connectorsVi,
  ...uploadsVi,
  ...reportsVi,
  ...phoneVi,
  ...historyRangeVi,
  ...wallVi,
  ...errorsVi,
  app: {
    product: 'IOC Live',
    nationalOverview: 'Tổng quan cả nước',
    loading: 'Đang tải…',
    loadFailed: 'Không tải được dữ liệu từ máy chủ: {detail}. Đang thử lại…',
  },
  lang: {
    switchTo: 'EN',
    switchLabel: 'Chuyển sang tiếng Anh',
  },
  connection: {
    connected: 'Trực tuyến',
    connecting: 'Đang kết nối',
    reconnecting: 'Đang kết nối lại',
    disconnected: 'Mất kết nối',
    syncing: 'Đang đồng bộ',
    updatedAt: 'Cập nhật lúc {time}',
    neverUpdated: 'Chưa nhận số liệu',
    banner: 'Mất kết nối — đang kết nối lại…',
    bannerDetail: 'Số liệu trên màn hình dừng ở {time} ({ago}), không phải trực tiếp.',
    bannerNever: 'Chưa nhận được số liệu nào từ máy chủ.',
    storeDown: 'Mất kết nối dữ liệu',
    bannerStore: 'Máy chủ mất kết nối cơ sở dữ liệu — số liệu không cập nhật',
  },
  selector: {
    label: 'Chỉ tiêu trên bản đồ',
    change: 'Đổi chỉ tiêu',
  },
  legend: {
    noData: 'Chưa có số liệu',
    better: 'tốt hơn',
  },
  kpi: {
    title: 'Số liệu cả nước',
    coverage: '{reporting}/{expected} tỉnh, thành phố',
    stale: 'Số liệu cũ · {ago}',
    noValue: 'Chưa có số liệu',
    trend24h: '24 giờ qua',
  },
  tooltip: {
    observedAt: 'Thời điểm số liệu',
    coverage: 'Đã báo cáo',
    communes: '{reporting}/{expected} xã, phường',
    noData: 'Chưa có số liệu',
    stale: 'Số liệu cũ ({ago})',
  },
  map: {
    ariaLabel: 'Bản đồ {indicator} theo tỉnh, thành phố',
  },
};

export type MessageSchema = typeof vi;
