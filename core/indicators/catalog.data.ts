import type { Indicator } from './indicator';
import { defineIndicator as def, fixed, levels, MEASURES as U, rule } from './catalog.define';

const DAY_ON_DAY_FALL = rule(
  'Cảnh báo khi giảm trên 50 % so với ngày trước; nghiêm trọng khi giảm trên 80 %',
  'Warning on a fall of more than 50 % day on day; critical on a fall of more than 80 %',
);

/** §5.2 #26–#38: data (NQ 214, Đề án 06, National Data Center, NDXP/LGSP) and IOC operations. */
export const DATA_INDICATORS: readonly Indicator[] = [
  def({
    id: 'vneid_l2_activation_rate', catalogNo: 26,
    name: {
      vi: 'Tỷ lệ công dân (≥14 tuổi) đã kích hoạt tài khoản định danh điện tử mức 2',
      en: 'VNeID level-2 activation',
    },
    domain: 'data', measure: U.percent, kind: 'ratio',
    numerator: {
      vi: 'Tài khoản định danh điện tử mức 2 đã kích hoạt (theo nơi thường trú)',
      en: 'Activated level-2 e-ID accounts (by permanent residence)',
    },
    denominator: { vi: 'Dân số từ 14 tuổi trở lên', en: 'Population aged 14 and over' },
    levels: levels('C', 'P', 'N'), cadence: 'weekly', good: 'up',
    thresholds: fixed(70, 50), range: { min: 40, max: 95 },
    basis: 'S (figure: > 67 M accounts nationally), P (definition). Domain data / ĐA06.',
  }),
  def({
    id: 'priority_db_progress_pct', catalogNo: 27,
    name: { vi: 'Tiến độ xây dựng, chuẩn hóa CSDL ưu tiên', en: 'Priority-database progress' },
    domain: 'data', measure: U.percent, kind: 'official',
    levels: levels('P', 'M', 'N'), cadence: 'weekly', good: 'up',
    thresholds: rule(
      'Cảnh báo khi thực tế thấp hơn kế hoạch trên 10 điểm %; nghiêm trọng khi thấp hơn trên 25 điểm % hoặc quá hạn '
        + '(8, 9, 12/2025)',
      'Warning when actual is more than 10 pp below plan; critical when more than 25 pp below plan or past the '
        + 'deadline (8, 9, 12/2025)',
    ),
    range: { min: 0, max: 100 },
    basis: 'S (targets, NQ 214), P. Dimension `db` ∈ the 11 priority databases (resolution-214.md). Weighted milestones '
      + 'done / total (rà soát → chuẩn hóa theo TĐDL dùng chung → làm sạch → kết nối TTDLQG → vận hành). Per-DB OFFICIAL '
      + 'from the owning ministry; N = unweighted mean across the DBs, reported as its own figure. Levels M, N '
      + '(P for local parts).',
  }),
  def({
    id: 'priority_db_completed_count', catalogNo: 28,
    name: { vi: 'Số CSDL ưu tiên đã hoàn thành và kết nối TTDLQG', en: 'Priority DBs completed' },
    domain: 'data', measure: U.databases, kind: 'sum',
    levels: levels('N'), cadence: 'weekly', good: 'up',
    thresholds: rule('Nghiêm trọng khi dưới 11 sau ngày 31/12/2025', 'Critical when below 11 after 31/12/2025'),
    range: { min: 0, max: 11 },
    basis: 'S (target: the 11 priority DBs in 2025), P.',
  }),
  def({
    id: 'db_connected_ndc_count', catalogNo: 29,
    name: {
      vi: 'Số CSDL quốc gia/chuyên ngành đã kết nối, đồng bộ với TTDLQG',
      en: 'Databases connected to National Data Center',
    },
    domain: 'data', measure: U.databases, kind: 'sum',
    levels: levels('P', 'M', 'N'), cadence: 'weekly', good: 'up',
    thresholds: rule('Cảnh báo khi không tăng trong 30 ngày', 'Warning when there is no increase in 30 days'),
    range: { min: 0, max: 100 },
    basis: 'S (figures: 46 ready, 8 connected in 1/2026), P. Databases with status connected and syncing. Range 0–100+ '
      + 'in the catalog: 100 taken. Levels M, N (P for provincial DBs).',
  }),
  def({
    id: 'ndc_sync_records', catalogNo: 30,
    name: { vi: 'Số bản ghi đồng bộ lên TTDLQG trong kỳ', en: 'Records synced to NDC' },
    domain: 'data', measure: U.records, kind: 'sum',
    levels: levels('P', 'M', 'N'), cadence: 'daily', good: 'up',
    thresholds: rule(
      'Cảnh báo khi bằng 0 trong 24 giờ (nguồn cập nhật hằng ngày); nghiêm trọng khi bằng 0 trong 72 giờ',
      'Warning at 0 for 24 h (daily feed); critical at 0 for 72 h',
    ),
    range: { min: 0, max: 100_000_000 },
    basis: 'P.',
  }),
  def({
    id: 'data_sync_lag_hours', catalogNo: 31,
    name: { vi: 'Độ trễ đồng bộ dữ liệu (lần thành công gần nhất)', en: 'Data sync lag' },
    domain: 'data', measure: U.hours, kind: 'max',
    levels: levels('C', 'P', 'M', 'N'), cadence: 'realtime', good: 'down',
    thresholds: fixed(24, 72), range: { min: 0, max: 168 },
    basis: 'P. now − last successful sync, per feed; a parent shows its worst (largest) child.',
  }),
  def({
    id: 'ndxp_transactions', catalogNo: 32,
    name: {
      vi: 'Số giao dịch qua Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP)',
      en: 'NDXP transactions',
    },
    domain: 'data', measure: U.transactions, kind: 'sum',
    levels: levels('P', 'M', 'N'), cadence: 'daily', good: 'up',
    thresholds: DAY_ON_DAY_FALL,
    range: { min: 0, max: 5_000_000 },
    basis: 'S (baseline ≈ 10⁶/day nationally, 2022), P. SUM (N; by requesting organisation). Range chosen (catalog '
      + 'gives only the baseline): 0–5·10⁶ per day.',
  }),
  def({
    id: 'lgsp_transactions', catalogNo: 33,
    name: { vi: 'Số giao dịch qua LGSP tỉnh', en: 'Provincial LGSP transactions' },
    domain: 'data', measure: U.transactions, kind: 'sum',
    levels: levels('P', 'N'), cadence: 'daily', good: 'up',
    thresholds: DAY_ON_DAY_FALL,
    range: { min: 1_000, max: 1_000_000 },
    basis: 'S (LGSP in 100 % of provinces), P. N = Σ P; it overlaps NDXP, so never add the two.',
  }),
  def({
    id: 'data_sharing_success_rate', catalogNo: 34,
    name: { vi: 'Tỷ lệ giao dịch chia sẻ dữ liệu thành công', en: 'Data-sharing call success' },
    domain: 'data', measure: U.percent, kind: 'ratio',
    numerator: { vi: 'Giao dịch thành công', en: 'Successful transactions' },
    denominator: { vi: 'Tổng số giao dịch', en: 'All transactions' },
    levels: levels('P', 'M', 'N'), cadence: 'realtime', good: 'up',
    thresholds: fixed(99, 95), range: { min: 90, max: 100 },
    basis: 'P.',
  }),
  def({
    id: 'data_quality_pass_rate', catalogNo: 35,
    name: { vi: 'Tỷ lệ bản ghi đạt chuẩn “đúng, đủ, sạch, sống”', en: 'Records passing quality rules' },
    domain: 'data', measure: U.percent, kind: 'ratio',
    numerator: {
      vi: 'Bản ghi qua kiểm tra (theo Từ điển dữ liệu dùng chung, QĐ 2439)',
      en: 'Records passing the checks (common data dictionary, Decision 2439)',
    },
    denominator: { vi: 'Bản ghi được kiểm tra', en: 'Records checked' },
    levels: levels('C', 'P', 'M', 'N'), cadence: 'weekly', good: 'up',
    thresholds: fixed(95, 85), range: { min: 70, max: 100 },
    basis: 'S (principle), P.',
  }),
  def({
    id: 'civil_status_digitized_rate', catalogNo: 36,
    name: {
      vi: 'Tỷ lệ dữ liệu hộ tịch (sổ lịch sử) đã số hóa vào CSDL hộ tịch điện tử',
      en: 'Civil-status records digitised',
    },
    domain: 'data', measure: U.percent, kind: 'ratio',
    numerator: { vi: 'Bản ghi/sổ đã số hóa và cập nhật', en: 'Records / registers digitised and updated' },
    denominator: { vi: 'Tổng bản ghi/sổ cần số hóa', en: 'Records / registers to digitise' },
    levels: levels('C', 'P', 'N'), cadence: 'weekly', good: 'up',
    thresholds: fixed(90, 70), range: { min: 30, max: 100 },
    basis: 'P. Domain data / hộ tịch.',
  }),
  def({
    id: 'land_parcel_digitized_rate', catalogNo: 37,
    name: {
      vi: 'Tỷ lệ thửa đất có dữ liệu địa chính số, đồng bộ CSDL đất đai quốc gia',
      en: 'Land parcels in national land DB',
    },
    domain: 'data', measure: U.percent, kind: 'ratio',
    numerator: { vi: 'Thửa đất đã số hóa và đồng bộ', en: 'Parcels digitised and synced' },
    denominator: { vi: 'Tổng số thửa đất', en: 'All parcels' },
    levels: levels('C', 'P', 'N'), cadence: 'monthly', good: 'up',
    thresholds: fixed(80, 50), range: { min: 20, max: 100 },
    basis: 'P. Domain data / đất đai.',
  }),
  def({
    id: 'data_feed_on_time_rate', catalogNo: 38,
    name: { vi: 'Tỷ lệ đơn vị cập nhật dữ liệu IOC đúng hạn', en: 'Units reporting to IOC on time' },
    domain: 'ioc_ops', measure: U.percent, kind: 'ratio',
    numerator: {
      vi: 'Đơn vị có dữ liệu mới trước giờ chốt (ví dụ 17:00)',
      en: 'Units with new data before the cut-off (e.g. 17:00)',
    },
    denominator: { vi: 'Đơn vị phải báo cáo', en: 'Units due to report' },
    levels: levels('C', 'P', 'N'), cadence: 'daily', good: 'up',
    thresholds: fixed(95, 80), range: { min: 50, max: 100 },
    basis: 'S (Sơn La 17:00 rule), P.',
  }),
];
