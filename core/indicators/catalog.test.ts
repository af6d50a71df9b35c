import { describe, expect, it } from 'vitest';
import { INDICATOR_DOMAINS } from './catalog.define';
import { ALL_INDICATORS, INDICATORS, INDICATORS_BY_ID, indicatorById } from './catalog';
import type { AggregationKind, Cadence, GoodDirection, Indicator, PeriodKind, ReportLevel } from './indicator';

/** (#, id) of every row of domain/indicators.md §5.2, copied here so the test needs nothing outside the repo. */
const SECTION_5_2: ReadonlyArray<readonly [number, string]> = [
  [1, 'dvc766_total_score'], [2, 'dvc766_rank'], [3, 'dvc766_group_score'], [4, 'tthc_published_on_time_rate'],
  [5, 'dossier_sync_rate'], [6, 'dossier_received_count'], [7, 'dossier_on_time_rate'],
  [8, 'dossier_overdue_open_count'], [9, 'avg_processing_days'], [10, 'full_online_dossier_rate'],
  [11, 'online_submission_rate'], [12, 'tthc_online_provision_rate'], [13, 'online_payment_dossier_rate'],
  [14, 'e_result_rate'], [15, 'dossier_digitization_rate'], [16, 'digitized_data_reuse_rate'],
  [17, 'citizen_data_dossier_rate'], [18, 'dossier_satisfaction_rate'], [19, 'pakn_on_time_rate'],
  [20, 'pakn_satisfaction_rate'], [21, 'field_report_count'], [22, 'field_report_resolved_rate'],
  [23, 'field_report_on_time_rate'], [24, 'field_report_satisfaction_rate'], [25, 'field_report_avg_resolution_hours'],
  [26, 'vneid_l2_activation_rate'], [27, 'priority_db_progress_pct'], [28, 'priority_db_completed_count'],
  [29, 'db_connected_ndc_count'], [30, 'ndc_sync_records'], [31, 'data_sync_lag_hours'], [32, 'ndxp_transactions'],
  [33, 'lgsp_transactions'], [34, 'data_sharing_success_rate'], [35, 'data_quality_pass_rate'],
  [36, 'civil_status_digitized_rate'], [37, 'land_parcel_digitized_rate'], [38, 'data_feed_on_time_rate'],
  [39, 'grdp_growth_yoy'], [40, 'budget_revenue'], [41, 'budget_revenue_vs_estimate_rate'],
  [42, 'public_investment_disbursement_rate'], [43, 'fdi_registered_capital'], [44, 'export_value'],
  [45, 'new_enterprises_count'], [46, 'cpi_yoy'], [47, 'health_insurance_coverage_rate'], [48, 'e_health_book_rate'],
  [49, 'hospital_bed_occupancy'], [50, 'hs_graduation_rate'], [51, 'poor_household_rate'], [52, 'vn_aqi'],
  [53, 'monitoring_station_uptime'], [54, 'traffic_accident_deaths'], [55, 'camera_online_rate'],
  [56, 'criminal_cases'], [57, 'tourist_arrivals'], [58, 'tourism_revenue'], [59, 'overdue_assigned_tasks_count'],
];

const KINDS: readonly AggregationKind[] = ['sum', 'ratio', 'wmean', 'max', 'official'];
const LEVELS: readonly ReportLevel[] = ['commune', 'province', 'ministry', 'national'];
const GOODS: readonly GoodDirection[] = ['up', 'down', 'band', 'context'];
const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;
// Written out again (not imported) so that a wrong constant in catalog.define.ts fails here.
const DAY_RUNNING_COUNTS = ['dossier_received_count', 'field_report_count'];
const EXPECTED_BY_CADENCE: Record<Cadence, { periodKind: PeriodKind; staleAfterMs: number }> = {
  realtime: { periodKind: 'live', staleAfterMs: 15 * MIN },
  daily: { periodKind: 'day', staleAfterMs: 26 * H },
  weekly: { periodKind: 'day', staleAfterMs: 8 * D },
  monthly: { periodKind: 'month', staleAfterMs: 35 * D },
  quarterly: { periodKind: 'quarter', staleAfterMs: 100 * D },
  yearly: { periodKind: 'year', staleAfterMs: 400 * D },
};
const DECIMALS_BY_MEASURE: Record<string, number> = {
  '%': 1, 'điểm': 2, 'ngày': 1, 'giờ': 1, 'tỷ đồng': 1, 'triệu USD': 1,
  'hồ sơ': 0, 'phản ánh': 0, 'CSDL': 0, 'bản ghi': 0, 'giao dịch': 0, 'doanh nghiệp': 0, 'người': 0, 'vụ': 0,
  'lượt khách': 0, 'nhiệm vụ': 0, 'hạng': 0, 'VN_AQI': 0,
};
const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

const nonEmpty = (s: unknown): boolean => typeof s === 'string' && s.trim().length > 0 && s === s.trim();
const localizedOk = (l: unknown): boolean =>
  typeof l === 'object' && l !== null && nonEmpty((l as { vi: unknown }).vi) && nonEmpty((l as { en: unknown }).en);

describe('the catalog as a whole', () => {
  it('holds at least 45 indicators, ordered by catalog number', () => {
    expect(INDICATORS.length).toBeGreaterThanOrEqual(45);
    const numbers = INDICATORS.map((i) => i.catalogNo);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('has unique ids and unique catalog numbers', () => {
    expect(new Set(INDICATORS.map((i) => i.id)).size).toBe(INDICATORS.length);
    expect(new Set(INDICATORS.map((i) => i.catalogNo)).size).toBe(INDICATORS.length);
  });

  it('uses the id and number of a §5.2 row for every indicator', () => {
    const rowOf = new Map(SECTION_5_2.map(([no, id]) => [id, no]));
    for (const ind of INDICATORS) expect({ id: ind.id, no: rowOf.get(ind.id) }).toEqual({ id: ind.id, no: ind.catalogNo });
  });

  it('transcribes all 59 rows of §5.2', () => {
    expect(INDICATORS.map((i) => [i.catalogNo, i.id])).toEqual(SECTION_5_2);
  });

  it('has at least one indicator of each kind that occurs in §5.2', () => {
    const kinds = new Set(INDICATORS.map((i) => i.kind));
    for (const kind of ['sum', 'ratio', 'wmean', 'max', 'official'] as const) expect(kinds).toContain(kind);
  });

  it('looks indicators up by id', () => {
    expect(indicatorById('dossier_on_time_rate')?.catalogNo).toBe(7);
    expect(indicatorById('vn_aqi')).toBe(INDICATORS_BY_ID.get('vn_aqi'));
    expect(indicatorById('no_such_indicator')).toBeUndefined();
    expect(INDICATORS_BY_ID.size).toBe(ALL_INDICATORS.length);
  });

  it('is frozen, so that no consumer can change a shared definition', () => {
    const ind = INDICATORS[0] as Indicator;
    expect(Object.isFrozen(INDICATORS)).toBe(true);
    expect(Object.isFrozen(ind)).toBe(true);
    expect(Object.isFrozen(ind.levels)).toBe(true);
    expect(Object.isFrozen(ind.thresholds)).toBe(true);
  });
});

describe.each(INDICATORS.map((ind) => [`#${ind.catalogNo} ${ind.id}`, ind] as const))('%s', (_label, ind) => {
  it('has an id in snake case and names in both languages', () => {
    expect(ind.id).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
    expect(localizedOk(ind.name)).toBe(true);
    expect(ind.name.vi).toMatch(VIETNAMESE_LETTER);
    expect(ind.name.vi).toBe(ind.name.vi.normalize('NFC'));
    expect(ind.name.vi).not.toBe(ind.name.en);
  });

  it('has a known domain, a measure and a basis', () => {
    expect(INDICATOR_DOMAINS).toContain(ind.domain);
    expect(localizedOk(ind.measure)).toBe(true);
    expect(ind.basis).toMatch(/^(S|P)\b/);
  });

  it('has a kind, and scale 100 exactly when it is a ratio measured in %', () => {
    expect(KINDS).toContain(ind.kind);
    const percentRatio = ind.kind === 'ratio' && ind.measure.vi === '%' && ind.measure.en === '%';
    expect(ind.scale).toBe(percentRatio ? 100 : 1);
  });

  it('says what num and den count exactly when it is a ratio or a weighted mean', () => {
    const needsParts = ind.kind === 'ratio' || ind.kind === 'wmean';
    expect(localizedOk(ind.numerator)).toBe(needsParts);
    expect(localizedOk(ind.denominator)).toBe(needsParts);
  });

  it('has valid levels, without repeats', () => {
    expect(ind.levels.length).toBeGreaterThan(0);
    expect(new Set(ind.levels).size).toBe(ind.levels.length);
    for (const level of ind.levels) expect(LEVELS).toContain(level);
  });

  it('has a period kind and a staleness deadline that follow from its cadence', () => {
    const expected = EXPECTED_BY_CADENCE[ind.cadence];
    expect(expected).toBeDefined();
    // a day's running count updated live: realtime staleness, day periods (so it starts again each day)
    const periodKind = DAY_RUNNING_COUNTS.includes(ind.id) ? 'day' : expected.periodKind;
    expect({ periodKind: ind.periodKind, staleAfterMs: ind.staleAfterMs }).toEqual({ ...expected, periodKind });
  });

  it('has thresholds ordered with its good direction, and a note wherever a level is not fixed', () => {
    expect(GOODS).toContain(ind.good);
    const { warning, critical, note } = ind.thresholds;
    for (const t of [warning, critical]) if (t !== null) expect(Number.isFinite(t)).toBe(true);
    if (warning === null || critical === null || ind.good === 'band') expect(localizedOk(note)).toBe(true);
    if (note !== undefined) expect(localizedOk(note)).toBe(true);
    if (warning !== null && critical !== null) {
      if (ind.good === 'up') expect(critical).toBeLessThanOrEqual(warning);
      if (ind.good === 'down' || ind.good === 'band') expect(critical).toBeGreaterThanOrEqual(warning);
      expect(ind.good).not.toBe('context');
    }
  });

  it('has a range with min < max, and decimals fit for its measure', () => {
    expect(Number.isFinite(ind.range.min) && Number.isFinite(ind.range.max)).toBe(true);
    expect(ind.range.min).toBeLessThan(ind.range.max);
    expect(ind.decimals).toBe(DECIMALS_BY_MEASURE[ind.measure.vi]);
  });
});

describe('spot checks against §5.2', () => {
  const get = (id: string): Indicator => {
    const ind = indicatorById(id);
    if (!ind) throw new Error(`missing ${id}`);
    return ind;
  };

  it('maps the roll-up column to kinds', () => {
    expect(get('dossier_on_time_rate')).toMatchObject({ kind: 'ratio', scale: 100, thresholds: { warning: 95, critical: 90 } });
    expect(get('avg_processing_days')).toMatchObject({ kind: 'wmean', scale: 1, good: 'down' });
    expect(get('field_report_avg_resolution_hours')).toMatchObject({ kind: 'wmean', thresholds: { warning: 72, critical: 168 } });
    expect(get('vn_aqi')).toMatchObject({ kind: 'max', thresholds: { warning: 101, critical: 151 }, range: { min: 0, max: 500 } });
    expect(get('data_sync_lag_hours')).toMatchObject({ kind: 'max', thresholds: { warning: 24, critical: 72 } });
    expect(get('priority_db_progress_pct')).toMatchObject({ kind: 'official', scale: 1 });
    expect(get('dossier_received_count')).toMatchObject({ kind: 'sum', cadence: 'realtime', good: 'context' });
  });

  it('models DISTINCT rows as official, and says so', () => {
    for (const id of ['tthc_published_on_time_rate', 'tthc_online_provision_rate']) {
      expect(get(id).kind).toBe('official');
      expect(get(id).basis).toContain('DISTINCT');
    }
  });

  it('keeps relative rules as notes', () => {
    expect(get('avg_processing_days').thresholds).toMatchObject({ warning: null, critical: null });
    expect(get('avg_processing_days').thresholds.note?.en).toContain('20 %');
    expect(get('dvc766_group_score').thresholds.note?.en).toContain('70 %');
    expect(get('dossier_overdue_open_count').thresholds).toMatchObject({ warning: 0, critical: null });
  });

  it('takes the levels and the first cadence of a row', () => {
    expect(get('tthc_published_on_time_rate').levels).toEqual(['province', 'ministry']);
    expect(get('camera_online_rate').levels).toEqual(['commune', 'province']);
    expect(get('budget_revenue').cadence).toBe('daily');
    expect(get('grdp_growth_yoy')).toMatchObject({ cadence: 'quarterly', periodKind: 'quarter', range: { min: -5, max: 15 } });
    expect(get('vneid_l2_activation_rate')).toMatchObject({ cadence: 'weekly', periodKind: 'day' });
  });
});
