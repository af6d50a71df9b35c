import type { Indicator } from './indicator';
import { defineIndicator as def, fixed, levels, MEASURES as U, rule } from './catalog.define';

/** §5.2 #21–#25: field reports (phản ánh hiện trường) from apps, web and hotlines. */
export const CITIZEN_FEEDBACK_INDICATORS: readonly Indicator[] = [
  def({
    id: 'field_report_count', catalogNo: 21,
    name: { vi: 'Số phản ánh hiện trường tiếp nhận', en: 'Field reports received' },
    domain: 'citizen_feedback', measure: U.reports, kind: 'sum',
    levels: levels('C', 'P', 'N'), cadence: 'realtime', periodKind: 'day', good: 'context',
    thresholds: rule('Đột biến khi vượt 2 lần trung bình 4 tuần', 'Spike above 2× the 4-week mean'),
    range: { min: 0, max: 1_000 },
    basis: 'S (Hue-S), P. Realtime updates of the day\'s running count (day periods). Counted over app, web and hotline. Range 0–10³ is per province per day.',
  }),
  def({
    id: 'field_report_resolved_rate', catalogNo: 22,
    name: { vi: 'Tỷ lệ phản ánh hiện trường đã xử lý xong', en: 'Field reports resolved' },
    domain: 'citizen_feedback', measure: U.percent, kind: 'ratio',
    numerator: { vi: 'Phản ánh đã xử lý xong', en: 'Field reports resolved' },
    denominator: { vi: 'Phản ánh hợp lệ đã tiếp nhận', en: 'Valid field reports received' },
    levels: levels('C', 'P', 'N'), cadence: 'daily', good: 'up',
    thresholds: fixed(95, 85), range: { min: 80, max: 100 },
    basis: 'S (Huế > 98 %), P.',
  }),
  def({
    id: 'field_report_on_time_rate', catalogNo: 23,
    name: { vi: 'Tỷ lệ phản ánh xử lý đúng hạn', en: 'Field reports resolved on time' },
    domain: 'citizen_feedback', measure: U.percent, kind: 'ratio',
    numerator: { vi: 'Phản ánh xử lý trong hạn', en: 'Field reports resolved within the deadline' },
    denominator: { vi: 'Phản ánh đã xử lý', en: 'Field reports resolved' },
    levels: levels('C', 'P', 'N'), cadence: 'daily', good: 'up',
    thresholds: fixed(90, 80), range: { min: 60, max: 100 },
    basis: 'P.',
  }),
  def({
    id: 'field_report_satisfaction_rate', catalogNo: 24,
    name: {
      vi: 'Tỷ lệ người dân hài lòng với kết quả xử lý phản ánh',
      en: 'Citizen satisfaction with resolution',
    },
    domain: 'citizen_feedback', measure: U.percent, kind: 'ratio',
    numerator: { vi: 'Đánh giá hài lòng', en: 'Satisfied ratings' },
    denominator: { vi: 'Phản ánh được đánh giá', en: 'Field reports rated' },
    levels: levels('C', 'P', 'N'), cadence: 'daily', good: 'up',
    thresholds: fixed(85, 70), range: { min: 60, max: 100 },
    basis: 'S (Huế > 92 %), P.',
  }),
  def({
    id: 'field_report_avg_resolution_hours', catalogNo: 25,
    name: { vi: 'Thời gian xử lý phản ánh trung bình', en: 'Mean resolution time' },
    domain: 'citizen_feedback', measure: U.hours, kind: 'wmean',
    numerator: {
      vi: 'Tổng số giờ xử lý (giá trị × trọng số: số giờ TB × phản ánh đã xử lý)',
      en: 'Total resolution hours (value × weight: mean hours × reports resolved)',
    },
    denominator: { vi: 'Phản ánh đã xử lý', en: 'Field reports resolved' },
    levels: levels('C', 'P', 'N'), cadence: 'daily', good: 'down',
    thresholds: fixed(72, 168), range: { min: 2, max: 240 },
    basis: 'P. WMEAN: Σ giờ xử lý / Σ phản ánh đã xử lý (roll-up column RATIO: a weighted mean is a ratio of sums).',
  }),
];
