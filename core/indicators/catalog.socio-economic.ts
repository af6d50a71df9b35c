import type { Indicator } from './indicator';
import { defineIndicator as def, levels, MEASURES as U, rule } from './catalog.define';

const BEHIND_ELAPSED_YEAR = rule(
  'Cảnh báo khi thấp hơn tỷ lệ thời gian đã qua của năm trên 10 điểm %; nghiêm trọng khi thấp hơn trên 20 điểm %',
  'Warning more than 10 pp below the elapsed share of the year; critical more than 20 pp below it',
);

/** §5.2 #39–#46: socio-economic statistics, state budget and public investment. */
export const SOCIO_ECONOMIC_INDICATORS: readonly Indicator[] = [
  def({
    id: 'grdp_growth_yoy', catalogNo: 39,
    name: { vi: 'Tốc độ tăng GRDP so cùng kỳ', en: 'GRDP growth y/y' },
    domain: 'economy', measure: U.percent, kind: 'official',
    levels: levels('P', 'N'), cadence: 'quarterly', good: 'up',
    thresholds: rule(
      'Cảnh báo khi thấp hơn mục tiêu trên 1 điểm %; nghiêm trọng khi thấp hơn mục tiêu trên 2 điểm %',
      'Warning more than 1 pp below target; critical more than 2 pp below target',
    ),
    range: { min: -5, max: 15 },
    basis: 'P. Official estimate (GSO / provincial statistics office); N = GDP growth.',
  }),
  def({
    id: 'budget_revenue', catalogNo: 40,
    name: { vi: 'Thu ngân sách nhà nước trên địa bàn', en: 'State budget revenue collected' },
    domain: 'finance', measure: U.vndBillion, kind: 'sum',
    levels: levels('C', 'P', 'N'), cadence: 'daily', good: 'up',
    thresholds: rule(
      'Danh mục không đặt ngưỡng mặc định; đặt theo dự toán của từng đơn vị',
      'The catalog sets no default; set one per unit against its estimate',
    ),
    range: { min: 0, max: 600_000 },
    basis: 'S (IOC practice). Cumulative (lũy kế); C where a commune budget exists. Cadence D/M: daily taken. Range '
      + 'chosen (catalog: —): 0–600,000 tỷ đồng, a province’s year-to-date collection.',
  }),
  def({
    id: 'budget_revenue_vs_estimate_rate', catalogNo: 41,
    name: { vi: 'Tỷ lệ thu NSNN so dự toán', en: 'Revenue vs annual estimate' },
    domain: 'finance', measure: U.percent, kind: 'ratio', amounts: true,
    numerator: { vi: 'Thu NSNN lũy kế', en: 'Revenue collected year to date' },
    denominator: { vi: 'Dự toán thu năm', en: 'Annual revenue estimate' },
    levels: levels('C', 'P', 'N'), cadence: 'monthly', good: 'up',
    thresholds: BEHIND_ELAPSED_YEAR,
    range: { min: 0, max: 130 },
    basis: 'P.',
  }),
  def({
    id: 'public_investment_disbursement_rate', catalogNo: 42,
    name: { vi: 'Tỷ lệ giải ngân vốn đầu tư công', en: 'Public-investment disbursement' },
    domain: 'finance', measure: U.percent, kind: 'ratio', amounts: true,
    numerator: { vi: 'Vốn giải ngân lũy kế', en: 'Capital disbursed year to date' },
    denominator: { vi: 'Kế hoạch vốn được giao', en: 'Capital plan assigned' },
    levels: levels('C', 'P', 'M', 'N'), cadence: 'weekly', good: 'up',
    thresholds: BEHIND_ELAPSED_YEAR,
    range: { min: 0, max: 100 },
    basis: 'S (Bình Phước IOC), P.',
  }),
  def({
    id: 'fdi_registered_capital', catalogNo: 43,
    name: { vi: 'Vốn FDI đăng ký (cấp mới + điều chỉnh + góp vốn)', en: 'Registered FDI' },
    domain: 'economy', measure: U.usdMillion, kind: 'sum',
    levels: levels('P', 'N'), cadence: 'monthly', good: 'up',
    thresholds: rule(
      'Cảnh báo khi giảm trên 20 % so cùng kỳ; nghiêm trọng khi giảm trên 40 %',
      'Warning on a fall of more than 20 % y/y; critical on a fall of more than 40 %',
    ),
    range: { min: 0, max: 5_000 },
    basis: 'P. N also has multi-province projects, so N ≥ Σ P. Range chosen (catalog: —): 0–5,000 triệu USD per '
      + 'province per month.',
  }),
  def({
    id: 'export_value', catalogNo: 44,
    name: { vi: 'Kim ngạch xuất khẩu hàng hóa', en: 'Merchandise exports' },
    domain: 'economy', measure: U.usdMillion, kind: 'sum',
    levels: levels('P', 'N'), cadence: 'monthly', good: 'up',
    thresholds: rule(
      'Cảnh báo khi giảm so cùng kỳ (dưới 0 %); nghiêm trọng khi giảm trên 10 %',
      'Warning on any fall y/y (below 0 %); critical on a fall of more than 10 %',
    ),
    range: { min: 0, max: 10_000 },
    basis: 'P. Range chosen (catalog: —): 0–10,000 triệu USD per province per month.',
  }),
  def({
    id: 'new_enterprises_count', catalogNo: 45,
    name: { vi: 'Số doanh nghiệp thành lập mới', en: 'New enterprises registered' },
    domain: 'economy', measure: U.enterprises, kind: 'sum',
    levels: levels('C', 'P', 'N'), cadence: 'monthly', good: 'up',
    thresholds: rule(
      'Cảnh báo khi giảm trên 10 % so cùng kỳ; nghiêm trọng khi giảm trên 25 %',
      'Warning on a fall of more than 10 % y/y; critical on a fall of more than 25 %',
    ),
    range: { min: 0, max: 5_000 },
    basis: 'P. Monthly (daily where fed from the business registry). Range chosen (catalog: —): 0–5,000 per province '
      + 'per month.',
  }),
  def({
    id: 'cpi_yoy', catalogNo: 46,
    name: { vi: 'Chỉ số giá tiêu dùng so cùng kỳ', en: 'CPI y/y' },
    domain: 'economy', measure: U.percent, kind: 'official',
    levels: levels('P', 'N'), cadence: 'monthly', good: 'band',
    thresholds: rule(
      'Tốt khi không vượt mục tiêu; cảnh báo khi trên mục tiêu −0,5 điểm %; nghiêm trọng khi trên mục tiêu',
      'Good at or below target; warning above target −0.5 pp; critical above target',
    ),
    range: { min: -1, max: 8 },
    basis: 'P. Official index.',
  }),
];
