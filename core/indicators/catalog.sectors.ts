import type { Indicator } from './indicator';
import { defineIndicator as def, fixed, levels, MEASURES as U, rule } from './catalog.define';

const yearOnYearRise = (warnPct: number, critPct: number) =>
  rule(
    `Cảnh báo khi tăng trên ${warnPct} % so cùng kỳ; nghiêm trọng khi tăng trên ${critPct} %`,
    `Warning above +${warnPct} % y/y; critical above +${critPct} %`,
  );

const yearOnYearFall = (warnPct: number, critPct: number) =>
  rule(
    `Cảnh báo khi giảm trên ${warnPct} % so cùng kỳ; nghiêm trọng khi giảm trên ${critPct} %`,
    `Warning on a fall of more than ${warnPct} % y/y; critical on a fall of more than ${critPct} %`,
  );

/** §5.2 #47–#59: health, education, social, environment, traffic, security, tourism and government operations. */
export const SECTOR_INDICATORS: readonly Indicator[] = [
  def({
    id: 'health_insurance_coverage_rate', catalogNo: 47,
    name: { vi: 'Tỷ lệ dân số tham gia BHYT', en: 'Health-insurance coverage' },
    domain: 'health', measure: U.percent, kind: 'ratio',
    numerator: { vi: 'Người có thẻ BHYT', en: 'People with a health-insurance card' },
    denominator: { vi: 'Dân số', en: 'Population' },
    levels: levels('C', 'P', 'N'), cadence: 'monthly', good: 'up',
    thresholds: fixed(92, 85), range: { min: 80, max: 100 },
    basis: 'P.',
  }),
  def({
    id: 'e_health_book_rate', catalogNo: 48,
    name: { vi: 'Tỷ lệ dân số có Sổ sức khỏe điện tử (VNeID)', en: 'E-health-book coverage' },
    domain: 'health', measure: U.percent, kind: 'ratio',
    numerator: { vi: 'Người có Sổ sức khỏe điện tử', en: 'People with an e-health book' },
    denominator: { vi: 'Dân số', en: 'Population' },
    levels: levels('C', 'P', 'N'), cadence: 'monthly', good: 'up',
    thresholds: fixed(70, 40), range: { min: 0, max: 100 },
    basis: 'P. Domain health / data.',
  }),
  def({
    id: 'hospital_bed_occupancy', catalogNo: 49,
    name: { vi: 'Công suất sử dụng giường bệnh', en: 'Hospital bed occupancy' },
    domain: 'health', measure: U.percent, kind: 'ratio',
    numerator: { vi: 'Ngày điều trị nội trú', en: 'Inpatient days' },
    denominator: { vi: 'Giường kế hoạch × số ngày', en: 'Planned beds × days' },
    levels: levels('P', 'N'), cadence: 'daily', good: 'band',
    thresholds: fixed(95, 110, {
      vi: 'Cảnh báo khi trên 95 % hoặc dưới 50 % (sử dụng thấp); nghiêm trọng khi trên 110 %. Hai mức số là cận trên',
      en: 'Warning above 95 % or below 50 % (under-use); critical above 110 %. The two numbers are upper bounds',
    }),
    range: { min: 50, max: 130 },
    basis: 'P.',
  }),
  def({
    id: 'hs_graduation_rate', catalogNo: 50,
    name: { vi: 'Tỷ lệ tốt nghiệp THPT', en: 'Upper-secondary graduation rate' },
    domain: 'education', measure: U.percent, kind: 'ratio',
    numerator: { vi: 'Thí sinh tốt nghiệp', en: 'Candidates graduating' },
    denominator: { vi: 'Thí sinh dự thi', en: 'Candidates sitting the exam' },
    levels: levels('C', 'P', 'N'), cadence: 'yearly', good: 'up',
    thresholds: rule(
      'Cảnh báo khi thấp hơn trung bình cả nước trên 2 điểm %; nghiêm trọng khi thấp hơn trên 5 điểm %',
      'Warning more than 2 pp below the national average; critical more than 5 pp below it',
    ),
    range: { min: 85, max: 100 },
    basis: 'S (Bình Phước IOC), P. Levels P, N (C by residence).',
  }),
  def({
    id: 'poor_household_rate', catalogNo: 51,
    name: { vi: 'Tỷ lệ hộ nghèo đa chiều', en: 'Multidimensional poverty rate' },
    domain: 'social', measure: U.percent, kind: 'ratio',
    numerator: { vi: 'Hộ nghèo', en: 'Poor households' },
    denominator: { vi: 'Tổng số hộ', en: 'All households' },
    levels: levels('C', 'P', 'N'), cadence: 'yearly', good: 'down',
    thresholds: rule(
      'Cảnh báo khi cao hơn năm trước; nghiêm trọng khi cao hơn năm trước trên 1 điểm %',
      'Warning above the prior year; critical more than 1 pp above the prior year',
    ),
    range: { min: 0, max: 40 },
    basis: 'P.',
  }),
  def({
    id: 'vn_aqi', catalogNo: 52,
    name: { vi: 'Chỉ số chất lượng không khí VN_AQI', en: 'Air quality index (VN_AQI)' },
    domain: 'environment', measure: U.aqi, kind: 'max',
    levels: levels('C', 'P', 'N'), cadence: 'realtime', good: 'down',
    thresholds: fixed(101, 151, {
      vi: 'Ngưỡng tính cả giá trị bằng: Kém từ 101, Xấu từ 151 (QĐ 1459/QĐ-TCMT)',
      en: 'Inclusive: Poor from 101, Bad from 151 (Decision 1459/QĐ-TCMT)',
    }),
    range: { min: 0, max: 500 },
    basis: 'S (QĐ 1459). Hourly/daily index per station, an integer (0 decimals). Roll-up MAX (alert) + population-WMEAN '
      + '(display), never SUM: modelled as max; a population-weighted display figure would be an indicator of its own.',
  }),
  def({
    id: 'monitoring_station_uptime', catalogNo: 53,
    name: { vi: 'Tỷ lệ trạm quan trắc tự động truyền dữ liệu', en: 'Monitoring-station uptime' },
    domain: 'environment', measure: U.percent, kind: 'ratio',
    numerator: { vi: 'Trạm gửi số liệu trong giờ', en: 'Stations sending data within the hour' },
    denominator: { vi: 'Trạm đã lắp đặt', en: 'Stations installed' },
    levels: levels('P', 'N'), cadence: 'realtime', good: 'up',
    thresholds: fixed(90, 75), range: { min: 50, max: 100 },
    basis: 'S (VNPT IOC environment module), P.',
  }),
  def({
    id: 'traffic_accident_deaths', catalogNo: 54,
    name: { vi: 'Số người chết do tai nạn giao thông', en: 'Road-traffic deaths' },
    domain: 'traffic', measure: U.people, kind: 'sum',
    levels: levels('C', 'P', 'N'), cadence: 'daily', good: 'down',
    thresholds: yearOnYearRise(5, 15),
    range: { min: 0, max: 50 },
    basis: 'P. Cadence D/M: daily taken. Range chosen (catalog: —): 0–50 per province per day.',
  }),
  def({
    id: 'camera_online_rate', catalogNo: 55,
    name: { vi: 'Tỷ lệ camera giám sát hoạt động', en: 'Surveillance cameras online' },
    domain: 'security', measure: U.percent, kind: 'ratio',
    numerator: { vi: 'Camera đang trực tuyến', en: 'Cameras online' },
    denominator: { vi: 'Camera kết nối IOC', en: 'Cameras connected to the IOC' },
    levels: levels('C', 'P'), cadence: 'realtime', good: 'up',
    thresholds: fixed(95, 85), range: { min: 60, max: 100 },
    basis: 'S (Huế, Bình Phước camera counts), P. Domain security / traffic.',
  }),
  def({
    id: 'criminal_cases', catalogNo: 56,
    name: { vi: 'Số vụ phạm pháp hình sự', en: 'Criminal offences recorded' },
    domain: 'security', measure: U.cases, kind: 'sum',
    levels: levels('C', 'P', 'N'), cadence: 'monthly', good: 'down',
    thresholds: yearOnYearRise(10, 25),
    range: { min: 0, max: 1_000 },
    basis: 'P. Range chosen (catalog: —): 0–1,000 per province per month.',
  }),
  def({
    id: 'tourist_arrivals', catalogNo: 57,
    name: { vi: 'Lượt khách du lịch', en: 'Tourist arrivals' },
    domain: 'tourism', measure: U.arrivals, kind: 'sum',
    levels: levels('C', 'P', 'N'), cadence: 'monthly', good: 'up',
    thresholds: yearOnYearFall(10, 25),
    range: { min: 0, max: 5_000_000 },
    basis: 'S (IOC practice), P. Total; dimension international / domestic. N = Σ P in arrivals (lượt), not unique '
      + 'persons. Levels P, N (C for sites). Monthly (daily where ticketing is digital). Range chosen (catalog: —): '
      + '0–5·10⁶ per province per month.',
  }),
  def({
    id: 'tourism_revenue', catalogNo: 58,
    name: { vi: 'Tổng thu từ khách du lịch', en: 'Tourism receipts' },
    domain: 'tourism', measure: U.vndBillion, kind: 'sum',
    levels: levels('P', 'N'), cadence: 'monthly', good: 'up',
    thresholds: yearOnYearFall(10, 25),
    range: { min: 0, max: 20_000 },
    basis: 'P. Range chosen (catalog: —): 0–20,000 tỷ đồng per province per month.',
  }),
  def({
    id: 'overdue_assigned_tasks_count', catalogNo: 59,
    name: { vi: 'Số nhiệm vụ UBND giao quá hạn', en: 'Overdue government tasks' },
    domain: 'gov_ops', measure: U.tasks, kind: 'sum',
    levels: levels('C', 'P', 'M', 'N'), cadence: 'daily', good: 'down',
    thresholds: fixed(0, null, {
      vi: 'Cảnh báo khi > 0; nghiêm trọng khi trên 5 % số nhiệm vụ đến hạn',
      en: 'Warning above 0; critical above 5 % of the tasks due',
    }),
    range: { min: 0, max: 1_000 },
    basis: 'S (IOC “giám sát hoạt động chính quyền”), P.',
  }),
];
