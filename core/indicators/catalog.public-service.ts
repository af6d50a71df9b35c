import type { Indicator } from './indicator';
import { defineIndicator as def, fixed, levels, MEASURES as U, rule } from './catalog.define';

/** §5.2 #1–#20: QĐ 766 scores and the public-service (TTHC) indicators of the national portal (DVCQG). */
export const PUBLIC_SERVICE_INDICATORS: readonly Indicator[] = [
  def({
    id: 'dvc766_total_score', catalogNo: 1,
    name: { vi: 'Tổng điểm Bộ chỉ số 766', en: 'QĐ766 service-quality total' },
    domain: 'public_service', measure: U.points, kind: 'official',
    levels: levels('C', 'P', 'M', 'N'), cadence: 'daily', good: 'up',
    thresholds: fixed(70, 50), range: { min: 40, max: 95 },
    basis: 'S (structure: Σ of the 6 group scores, max 100), P. Roll-up OFFICIAL (or RESCORE): the DVCQG score of each '
      + 'level is ingested, never averaged from children (§5.3 note 2). Thresholds are the Khá (<70) / Yếu (<50) bands.',
  }),
  def({
    id: 'dvc766_rank', catalogNo: 2,
    name: { vi: 'Thứ hạng Bộ chỉ số 766', en: 'QĐ766 rank among peers' },
    domain: 'public_service', measure: U.rank, kind: 'official',
    levels: levels('C', 'P', 'M'), cadence: 'daily', good: 'down',
    thresholds: rule(
      'Cảnh báo khi tụt từ 5 bậc trở lên trong 7 ngày; nghiêm trọng khi nằm trong 5 đơn vị cuối bảng',
      'Warning when the rank falls 5 or more places in 7 days; critical when in the bottom 5 of the peer set',
    ),
    range: { min: 1, max: 34 },
    basis: 'S, P. Competition rank (1-2-2-4) by dvc766_total_score within a peer set: the 34 provinces; the ministries; '
      + 'the communes of one province. Range 1–34 is the provincial peer set.',
  }),
  def({
    id: 'dvc766_group_score', catalogNo: 3,
    name: { vi: 'Điểm nhóm chỉ số 766', en: 'QĐ766 group score' },
    domain: 'public_service', measure: U.points, kind: 'official',
    levels: levels('C', 'P', 'M', 'N'), cadence: 'daily', good: 'up',
    thresholds: rule(
      'Cảnh báo khi dưới 70 % điểm tối đa của nhóm; nghiêm trọng khi dưới 50 % (tối đa 18/20/12/10/18/22)',
      'Warning below 70 % of the group maximum; critical below 50 % of it (maxima 18/20/12/10/18/22)',
    ),
    range: { min: 0, max: 22 },
    basis: 'S. Dimension `group` ∈ CKMB, TDGQ, DVCTT[CLGQ], TTTT, MDHL, MDSH (map groups by endpoint, not by code, §1.2). '
      + 'Range 0–max in the catalog: 22 taken, the largest group maximum (MDSH).',
  }),
  def({
    id: 'tthc_published_on_time_rate', catalogNo: 4,
    name: { vi: 'Tỷ lệ TTHC công bố đúng hạn', en: 'Procedures published on time' },
    domain: 'public_service', measure: U.percent, kind: 'official',
    levels: levels('P', 'M'), cadence: 'monthly', good: 'up',
    thresholds: fixed(95, 80), range: { min: 0, max: 100 },
    basis: 'S (PUBLISH_ON_TIME). TTHC công bố đúng hạn / TTHC phải công bố trong kỳ. Roll-up DISTINCT (P, M only): a ratio '
      + 'over the shared procedure catalogue, recomputed on the union; summing children would count shared procedures '
      + 'twice, so it is modelled as official: each level reports its own.',
  }),
  def({
    id: 'dossier_sync_rate', catalogNo: 5,
    name: { vi: 'Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG', en: 'Dossiers synced to national portal' },
    domain: 'public_service', measure: U.percent, kind: 'ratio',
    numerator: { vi: 'Hồ sơ đồng bộ (ngày tiếp nhận trong kỳ)', en: 'Dossiers synced (received in the period)' },
    denominator: {
      vi: 'Hồ sơ phải tính: max(hồ sơ tiếp nhận theo DVCQG, theo Hệ thống báo cáo quốc gia)',
      en: 'Dossiers to count: max(received per DVCQG, per the National Reporting System)',
    },
    levels: levels('C', 'P', 'M', 'N'), cadence: 'daily', good: 'up',
    thresholds: fixed(98, 90), range: { min: 60, max: 100 },
    basis: 'S (DOSSIER_SYNC). Where 766 falls back to last year’s total ÷12 / ÷4 on a zero denominator, IOC Live '
      + 'shows no value.',
  }),
  def({
    id: 'dossier_received_count', catalogNo: 6,
    name: { vi: 'Số hồ sơ TTHC tiếp nhận', en: 'Dossiers received' },
    domain: 'public_service', measure: U.dossiers, kind: 'sum',
    levels: levels('C', 'P', 'M', 'N'), cadence: 'realtime', periodKind: 'day', good: 'context',
    thresholds: rule(
      'Bất thường khi lệch ±50 % so với trung bình cùng thứ trong tuần của 4 tuần trước',
      'Anomaly when ±50 % off the mean of the same weekday over the past 4 weeks',
    ),
    range: { min: 0, max: 1_000_000 },
    basis: 'S (totalReceived). Cadence RT/D: realtime updates of the day\'s running count (day periods, so the count starts again each day). Range 0–10⁶ is per province per month.',
  }),
  def({
    id: 'dossier_on_time_rate', catalogNo: 7,
    name: { vi: 'Tỷ lệ hồ sơ giải quyết trước/đúng hạn (gồm đang xử lý trong hạn)', en: 'On-time dossier rate' },
    domain: 'public_service', measure: U.percent, kind: 'ratio',
    numerator: {
      vi: 'Hồ sơ giải quyết trước/đúng hạn và đang xử lý trong hạn (totalOnTime)',
      en: 'Dossiers done on or before time, or in progress within time (totalOnTime)',
    },
    denominator: { vi: 'Hồ sơ tiếp nhận (totalReceived)', en: 'Dossiers received (totalReceived)' },
    levels: levels('C', 'P', 'M', 'N'), cadence: 'daily', good: 'up',
    thresholds: fixed(95, 90), range: { min: 80, max: 100 },
    basis: 'S (2.1, DVCQG dvc-progress-tree: totalOnTime / totalReceived).',
  }),
  def({
    id: 'dossier_overdue_open_count', catalogNo: 8,
    name: { vi: 'Số hồ sơ đang quá hạn', en: 'Open overdue dossiers' },
    domain: 'public_service', measure: U.dossiers, kind: 'sum',
    levels: levels('C', 'P', 'M', 'N'), cadence: 'realtime', good: 'down',
    thresholds: fixed(0, null, {
      vi: 'Cảnh báo khi > 0; nghiêm trọng khi > 0,5 % số hồ sơ đang xử lý',
      en: 'Warning above 0; critical above 0.5 % of the dossiers in progress',
    }),
    range: { min: 0, max: 10_000 },
    basis: 'P. Dossiers in progress and past their promised date.',
  }),
  def({
    id: 'avg_processing_days', catalogNo: 9,
    name: { vi: 'Thời gian giải quyết TTHC trung bình', en: 'Average processing time' },
    domain: 'public_service', measure: U.days, kind: 'wmean',
    numerator: {
      vi: 'Tổng số ngày giải quyết (giá trị × trọng số: số ngày TB × hồ sơ hoàn thành)',
      en: 'Total processing days (value × weight: mean days × completed dossiers)',
    },
    denominator: { vi: 'Hồ sơ đã giải quyết xong', en: 'Completed dossiers' },
    levels: levels('C', 'P', 'M', 'N'), cadence: 'daily', good: 'down',
    thresholds: rule(
      'Cảnh báo khi tăng trên 20 % so với kỳ trước; nghiêm trọng khi tăng trên 50 %',
      'Warning above +20 % vs the prior period; critical above +50 %',
    ),
    range: { min: 0.5, max: 30 },
    basis: 'S (2.2 avgProcessingDays), P. WMEAN: Σ ngày giải quyết / Σ hồ sơ hoàn thành (roll-up column RATIO: a '
      + 'weighted mean is a ratio of sums).',
  }),
  def({
    id: 'full_online_dossier_rate', catalogNo: 10,
    name: { vi: 'Tỷ lệ hồ sơ trực tuyến toàn trình', en: 'Fully-online dossier rate' },
    domain: 'public_service', measure: U.percent, kind: 'ratio',
    numerator: { vi: 'Hồ sơ dịch vụ công trực tuyến toàn trình', en: 'Fully-online dossiers' },
    denominator: {
      vi: 'Hồ sơ tiếp nhận của TTHC đủ điều kiện toàn trình',
      en: 'Dossiers received for procedures eligible for fully-online service',
    },
    levels: levels('C', 'P', 'M', 'N'), cadence: 'daily', good: 'up',
    thresholds: fixed(50, 30), range: { min: 10, max: 90 },
    basis: 'S (METRICS row 6). National ≈ 40 % in 10/2025; the 2021–2025 strategy target is 80 %.',
  }),
  def({
    id: 'online_submission_rate', catalogNo: 11,
    name: { vi: 'Tỷ lệ hồ sơ nộp trực tuyến', en: 'Online submission share' },
    domain: 'public_service', measure: U.percent, kind: 'ratio',
    numerator: { vi: 'Hồ sơ nộp trực tuyến (channelOnlineSum)', en: 'Dossiers submitted online (channelOnlineSum)' },
    denominator: { vi: 'Hồ sơ của mọi kênh nộp (channelTotalSum)', en: 'Dossiers over all channels (channelTotalSum)' },
    levels: levels('C', 'P', 'M', 'N'), cadence: 'daily', good: 'up',
    thresholds: fixed(50, 30), range: { min: 10, max: 95 },
    basis: 'S (3.3). 766 saturates at 50 %.',
  }),
  def({
    id: 'tthc_online_provision_rate', catalogNo: 12,
    name: { vi: 'Tỷ lệ TTHC cung cấp DVCTT', en: 'Procedures offered online' },
    domain: 'public_service', measure: U.percent, kind: 'official',
    levels: levels('C', 'P', 'M', 'N'), cadence: 'monthly', good: 'up',
    thresholds: fixed(80, 60), range: { min: 30, max: 100 },
    basis: 'S (3.1). (partialCount + fullCount) / authorityCount. Roll-up DISTINCT: a ratio over the shared procedure '
      + 'catalogue, recomputed on the union; summing children would count shared procedures twice, so it is modelled '
      + 'as official: each level reports its own.',
  }),
  def({
    id: 'online_payment_dossier_rate', catalogNo: 13,
    name: { vi: 'Tỷ lệ hồ sơ thanh toán trực tuyến', en: 'Online payment rate' },
    domain: 'public_service', measure: U.percent, kind: 'ratio',
    numerator: {
      vi: 'Hồ sơ thanh toán trực tuyến thành công (totalDossierOnlinePaymentSuccess)',
      en: 'Dossiers paid online successfully (totalDossierOnlinePaymentSuccess)',
    },
    denominator: {
      vi: 'Hồ sơ có nghĩa vụ tài chính (totalDossierFinancialObligation)',
      en: 'Dossiers with a financial obligation (totalDossierFinancialObligation)',
    },
    levels: levels('C', 'P', 'M', 'N'), cadence: 'daily', good: 'up',
    thresholds: fixed(50, 30), range: { min: 10, max: 95 },
    basis: 'S (3.6).',
  }),
  def({
    id: 'e_result_rate', catalogNo: 14,
    name: { vi: 'Tỷ lệ hồ sơ có kết quả giải quyết điện tử', en: 'Dossiers with electronic result' },
    domain: 'public_service', measure: U.percent, kind: 'ratio',
    numerator: { vi: 'Hồ sơ có tệp kết quả điện tử', en: 'Dossiers with an electronic result file' },
    denominator: {
      vi: 'Hồ sơ của TTHC trả kết quả bằng giấy tờ',
      en: 'Dossiers of procedures whose result is a paper document',
    },
    levels: levels('C', 'P', 'M', 'N'), cadence: 'daily', good: 'up',
    thresholds: fixed(90, 70), range: { min: 30, max: 100 },
    basis: 'S (ORIGINAL_RESULT_AVAILABLE).',
  }),
  def({
    id: 'dossier_digitization_rate', catalogNo: 15,
    name: { vi: 'Tỷ lệ hồ sơ thực hiện số hóa', en: 'Dossier digitisation rate' },
    domain: 'public_service', measure: U.percent, kind: 'ratio',
    numerator: {
      vi: 'Hồ sơ số hóa thành phần (và kết quả khi có yêu cầu)',
      en: 'Dossiers with digitised components (and result where required)',
    },
    denominator: { vi: 'Hồ sơ thuộc thẩm quyền', en: 'Dossiers under the unit’s authority' },
    levels: levels('C', 'P', 'M', 'N'), cadence: 'daily', good: 'up',
    thresholds: fixed(80, 60), range: { min: 30, max: 100 },
    basis: 'S (SO_HOA_GIAY_TO_GIAI_QUYET).',
  }),
  def({
    id: 'digitized_data_reuse_rate', catalogNo: 16,
    name: { vi: 'Tỷ lệ hồ sơ tái sử dụng dữ liệu số hóa', en: 'Re-use of digitised data' },
    domain: 'public_service', measure: U.percent, kind: 'ratio',
    numerator: {
      vi: 'Hồ sơ có ít nhất 1 thành phần tái sử dụng',
      en: 'Dossiers with at least one re-used component',
    },
    denominator: { vi: 'Hồ sơ có ngày tiếp nhận trong kỳ', en: 'Dossiers received in the period' },
    levels: levels('C', 'P', 'M', 'N'), cadence: 'daily', good: 'up',
    thresholds: fixed(50, 20), range: { min: 0, max: 80 },
    basis: 'S (REUSED_DIGITIZED_DATA). 766 saturates at 80 %.',
  }),
  def({
    id: 'citizen_data_dossier_rate', catalogNo: 17,
    name: {
      vi: 'Tỷ lệ hồ sơ sử dụng dữ liệu dân cư (VNeID / CSDLQG dân cư)',
      en: 'Dossiers using population data',
    },
    domain: 'public_service', measure: U.percent, kind: 'ratio',
    numerator: {
      vi: 'Hồ sơ có TaiKhoanDuocXacThucVoiVNeID=1 hoặc lấy từ kho/CSDL dân cư',
      en: 'Dossiers with TaiKhoanDuocXacThucVoiVNeID=1 or taken from the data store / population DB',
    },
    denominator: { vi: 'Tổng số hồ sơ', en: 'All dossiers' },
    levels: levels('C', 'P', 'M', 'N'), cadence: 'daily', good: 'up',
    thresholds: fixed(50, 20), range: { min: 10, max: 95 },
    basis: 'S (CITIZEN_DATA_CONNECTED_DOSSIER). Domain public_service / data.',
  }),
  def({
    id: 'dossier_satisfaction_rate', catalogNo: 18,
    name: { vi: 'Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC', en: 'Satisfaction with procedure handling' },
    domain: 'public_service', measure: U.percent, kind: 'ratio',
    numerator: {
      vi: 'Hồ sơ trừ hồ sơ bị đánh giá không hài lòng, có PAKN hoặc quá hạn',
      en: 'Dossiers less those rated dissatisfied, petitioned or overdue',
    },
    denominator: { vi: 'Hồ sơ', en: 'Dossiers' },
    levels: levels('C', 'P', 'M', 'N'), cadence: 'daily', good: 'up',
    thresholds: fixed(90, 80), range: { min: 80, max: 100 },
    basis: 'S (DOSSIER_RECEIVING_SATISFACTION).',
  }),
  def({
    id: 'pakn_on_time_rate', catalogNo: 19,
    name: { vi: 'Tỷ lệ PAKN (Cổng DVCQG) xử lý đúng hạn', en: 'Petitions handled on time' },
    domain: 'public_service', measure: U.percent, kind: 'ratio',
    numerator: {
      vi: 'PAKN xử lý đúng/trước hạn và đang xử lý trong hạn',
      en: 'Petitions handled on or before time, or in progress within time',
    },
    denominator: { vi: 'PAKN thuộc thẩm quyền', en: 'Petitions the unit is competent to handle' },
    levels: levels('C', 'P', 'M', 'N'), cadence: 'daily', good: 'up',
    thresholds: fixed(95, 85), range: { min: 70, max: 100 },
    basis: 'S (PETITION_PROCESSING_ON_TIME). No petitions (den = 0) ⇒ N/A: no value, although 766 awards full points.',
  }),
  def({
    id: 'pakn_satisfaction_rate', catalogNo: 20,
    name: { vi: 'Tỷ lệ hài lòng trong xử lý PAKN', en: 'Petition-handling satisfaction' },
    domain: 'public_service', measure: U.percent, kind: 'ratio',
    numerator: {
      vi: 'PAKN trừ PAKN không hài lòng, tái phản ánh hoặc quá hạn',
      en: 'Petitions less those rated dissatisfied, re-raised or overdue',
    },
    denominator: { vi: 'PAKN đã xử lý', en: 'Petitions handled' },
    levels: levels('C', 'P', 'M', 'N'), cadence: 'daily', good: 'up',
    thresholds: fixed(90, 75), range: { min: 60, max: 100 },
    basis: 'S (PETITION_HANDLING_SATISFACTION).',
  }),
];
