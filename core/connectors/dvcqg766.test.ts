import { describe, expect, it } from 'vitest';
import { indicatorById } from '../indicators/catalog';
import type { UnitMatch, UnitResolver } from '../units/unit-resolver';
import {
  DvcqgRecords,
  DvcqgShapeError,
  mapFormA,
  mapProgressTree,
  mapServiceResults,
  plainName,
  rankingDepartments,
  readFormAPage,
  readTreePage,
  type DvcqgContext,
} from './dvcqg766';

// Answers in the shape of fixtures/dvcqg/ (core tests may not read files outside core/: check:core), with rows
// copied from them. 2026-12-06T20:00Z is 03:00 on 7/12 in Viet Nam: daily figures land on 2026-12-07.
const NOW = Date.parse('2026-12-06T20:00:00Z');
const DAY = '2026-12-07';

/** A small stand-in for the unit resolver: portal codes, and names (case-insensitive) within a province or not. */
const fakeUnits: UnitResolver = {
  resolve(text, naming, within): UnitMatch {
    const codes: Record<string, string> = { H44: '25', H35: '12' };
    const names: Record<string, string> = {
      '|tỉnh phú thọ': '25',
      '|tỉnh lai châu': '12',
      '|bộ y tế': 'BYT',
      '|phường phú thọ': '07942',
      '25|phường việt trì': '07900',
      '25|xã lâm thao': '08494',
      '25|xã hy cương': '08515',
      '25|phường nông trang': '07894',
    };
    const code = naming === 'dvcqg' ? codes[text] : names[`${within ?? ''}|${text.toLowerCase()}`];
    return code ? { ok: true, code, via: naming === 'dvcqg' ? 'dvcqg' : 'name' } : { ok: false, code: 'unmapped_unit', reason: `no unit named '${text}'` };
  },
};

function records(scope: DvcqgContext['scope'] = { units: ['VN'], indicators: '*' }): DvcqgRecords {
  return new DvcqgRecords({ units: fakeUnits, indicator: indicatorById, nowMs: NOW, scope });
}

const groups = (g: Record<string, number | null>) => ({ CKMB: 15, TDGQ: 15.68, CLGQ: 8.03, TTTT: 7.22, MDHL: 12.97, MDSH: 8.22, ...g });
const phuTho = (g: Record<string, number | null> = {}) => ({
  departmentId: '019d2be3-6a88-732b-8b17-b68020c8553a',
  departmentName: 'UBND tỉnh Phú Thọ',
  departmentCode: 'H44',
  totalScore: 67.12,
  ratio: 67.12,
  scoreDelta: 0.8,
  groupScores: groups(g),
});
const laiChau = {
  departmentId: '019d2be3-6a88-732b-8b10-4fd42fc9139b',
  departmentName: 'UBND tỉnh Lai Châu',
  departmentCode: 'H35',
  totalScore: 58.69,
  ratio: 58.69,
  scoreDelta: 0.31,
  groupScores: { CKMB: 15.27, TDGQ: 14, CLGQ: 8.8, TTTT: 7.85, MDHL: null, MDSH: 12.77 },
};
const ranking = (...evaluation: unknown[]) => ({
  code: 'OK',
  data: { overview: { departmentName: 'Cả nước', totalScore: 73.85, totalMaxScore: 100, ratio: 73.85 }, evaluation, growthPercent: 0.4, radar: [] },
});

const values = (out: DvcqgRecords, unit: string) =>
  Object.fromEntries(out.result().items.filter((i) => i.unit === unit).map((i) => [i.indicator, i.value ?? [i.num, i.den]]));
const skippedCount = (out: DvcqgRecords, re: RegExp) => out.result().skipped.filter((s) => re.test(s.reason)).reduce((n, s) => n + s.count, 0);

function shapeError(fn: () => void): DvcqgShapeError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DvcqgShapeError) return err;
    throw err;
  }
  throw new Error('no DvcqgShapeError was thrown');
}

describe('service-results', () => {
  it('maps each province to its total and six groups by endpoint meaning (CLGQ → dvctt), and the overview to VN', () => {
    const out = records();
    mapServiceResults(ranking(phuTho()), 'province', out);
    expect(values(out, '25')).toEqual({
      dvc766_total_score: 67.12,
      'dvc766_group_score.ckmb': 15,
      'dvc766_group_score.tdgq': 15.68,
      'dvc766_group_score.dvctt': 8.03,
      'dvc766_group_score.tttt': 7.22,
      'dvc766_group_score.mdhl': 12.97,
      'dvc766_group_score.mdsh': 8.22,
    });
    expect(values(out, 'VN')).toEqual({ dvc766_total_score: 73.85 });
    const r = out.result();
    expect(r.items.every((i) => i.period === DAY && i.observedAt === NOW)).toBe(true);
    // the overview is record 0, the province record 1; every item names its record
    expect(r.recordsRead).toBe(2);
    expect(r.itemRecord).toEqual([0, 1, 1, 1, 1, 1, 1, 1]);
    expect(r.rejections).toEqual([]);
  });

  it('takes the total as given, never the sum of the groups', () => {
    const out = records();
    mapServiceResults(ranking({ ...phuTho(), totalScore: 50 }), 'province', out);
    expect(values(out, '25').dvc766_total_score).toBe(50);
  });

  it('gives no item for a null group score, never 0, and counts it', () => {
    const out = records();
    mapServiceResults(ranking(laiChau), 'province', out);
    const v = values(out, '12');
    expect(Object.keys(v)).toHaveLength(6);
    expect(v).not.toHaveProperty(['dvc766_group_score.mdhl']);
    expect(v.dvc766_total_score).toBe(58.69);
    expect(skippedCount(out, /null/)).toBe(1);
  });

  it('counts the six groups of a row that carries no groupScores while the others do', () => {
    const { groupScores: _none, ...bare } = phuTho();
    const out = records();
    mapServiceResults(ranking(bare, laiChau), 'province', out);
    expect(values(out, '25')).toEqual({ dvc766_total_score: 67.12 });
    expect(skippedCount(out, /null/)).toBe(6 + 1);
  });

  it('refuses a row whose group score is above the group maximum (swapped codes), and only that row', () => {
    const out = records();
    mapServiceResults(ranking(phuTho({ CLGQ: 9.5, TTTT: 11.5 }), laiChau), 'province', out);
    const r = out.result();
    expect(r.rejections).toHaveLength(1);
    expect(r.rejections[0]).toMatchObject({ record: 1, code: 'bad_record' });
    expect(r.rejections[0]!.reason).toMatch(/TTTT.*11\.5.*0–10/);
    expect(r.rejections[0]!.reason).toMatch(/codes may have changed/);
    expect(values(out, '25')).toEqual({});
    expect(Object.keys(values(out, '12'))).toHaveLength(6);
  });

  it('takes a group score at its maximum (CLGQ 12 is the online-services group, not payment at 10)', () => {
    const out = records();
    mapServiceResults(ranking(phuTho({ CLGQ: 12 })), 'province', out);
    expect(values(out, '25')['dvc766_group_score.dvctt']).toBe(12);
    expect(out.result().rejections).toEqual([]);
  });

  it('falls back to the name without "UBND " when the portal code is unknown', () => {
    const out = records();
    mapServiceResults(ranking({ ...phuTho(), departmentCode: 'H99' }), 'province', out);
    expect(values(out, '25').dvc766_total_score).toBe(67.12);
  });

  it('refuses a row whose unit cannot be resolved, with the resolver code and both attempts', () => {
    const out = records();
    mapServiceResults(ranking({ ...phuTho(), departmentCode: 'H98', departmentName: 'UBND tỉnh Không Có' }), 'province', out);
    const [rej] = out.result().rejections;
    expect(rej).toMatchObject({ record: 1, code: 'unmapped_unit' });
    expect(rej!.reason).toMatch(/dvcqg 'H98'.*name 'tỉnh Không Có'/);
  });

  it('refuses a province row whose name resolves to a commune', () => {
    const out = records();
    mapServiceResults(ranking({ ...phuTho(), departmentCode: undefined, departmentName: 'Phường Phú Thọ' }), 'province', out);
    expect(out.result().rejections[0]!.reason).toMatch(/resolved to 07942, which is not a province/);
    expect(out.result().items.filter((i) => i.unit === '07942')).toEqual([]);
  });

  it('maps the ministries ranking by name and leaves its overview out', () => {
    const out = records();
    mapServiceResults(ranking({ ...phuTho(), departmentId: 'x', departmentName: 'Bộ Y tế', departmentCode: undefined }), 'ministry', out);
    expect(values(out, 'BYT').dvc766_total_score).toBe(67.12);
    expect(values(out, 'VN')).toEqual({});
    expect(skippedCount(out, /aggregate of ministries/)).toBe(1);
  });

  it('leaves out the units and indicators outside the connector’s scope', () => {
    const out = records({ units: ['25'], indicators: ['dvc766_total_score'] });
    mapServiceResults(ranking(phuTho(), laiChau), 'province', out);
    expect(out.result().items.map((i) => `${i.indicator}@${i.unit}`)).toEqual(['dvc766_total_score@25']);
    expect(skippedCount(out, /outside the connector’s scope/)).toBe(2 + 6);
  });

  it('gives the provinces’ departmentIds for their trees', () => {
    expect([...rankingDepartments(ranking(phuTho(), laiChau), fakeUnits)]).toEqual([
      ['25', '019d2be3-6a88-732b-8b17-b68020c8553a'],
      ['12', '019d2be3-6a88-732b-8b10-4fd42fc9139b'],
    ]);
  });

  it('throws on answers that do not have the shape', () => {
    const out = records();
    expect(shapeError(() => mapServiceResults({ code: 'OK' }, 'province', out)).message).toMatch(/no data object/);
    expect(shapeError(() => mapServiceResults({ code: 'ERROR', message: 'quá tải', data: {} }, 'province', out)).message).toMatch(/code is "ERROR".*quá tải/);
    expect(shapeError(() => mapServiceResults({ code: 'OK', data: { evaluation: {} } }, 'province', out)).message).toMatch(/data\.evaluation is not an array/);
    expect(shapeError(() => mapServiceResults(ranking(phuTho(), { departmentName: 'UBND tỉnh Lai Châu' }), 'province', out)).message).toMatch(
      /data\.evaluation\[1\] \(UBND tỉnh Lai Châu\) has neither totalScore nor groupScores/,
    );
    const renamed = shapeError(() => mapServiceResults(ranking({ ...phuTho(), groupScores: undefined, groups: groups({}) }), 'province', out));
    expect(renamed.code).toBe('mapping_mismatch');
    expect(renamed.message).toMatch(/no row has groupScores \(fields seen: .*groups/);
    expect(shapeError(() => mapServiceResults(ranking({ ...phuTho(), groupScores: { A: 1, B: 2 } }), 'province', out)).message).toMatch(/none of CKMB/);
  });
});

const child = (id: string, name: string, level: string, received: number, onTime: number, overdue: number, extra: object = {}) => ({
  departmentId: id,
  departmentName: name,
  departmentCode: `H44.${id}`,
  level,
  totalReceived: received,
  totalOnTime: onTime,
  totalOverdue: overdue,
  avgProcessingDays: 5.6,
  ratio: received ? Math.round((onTime / received) * 10000) / 100 : 0,
  score: 15.81,
  maxScore: 20,
  scoreDelta: null,
  ...extra,
});
const tree = (...children: unknown[]) => ({
  code: 'OK',
  data: { parent: { departmentId: '019d2be3-6a88-732b-8b17-b68020c8553a', departmentName: 'UBND tỉnh Phú Thọ', departmentCode: 'H44', totalReceived: 184513, totalOnTime: 144625, totalCompleted: 147765 }, children },
  message: 'OK',
});

describe('dvc-progress-tree', () => {
  it('maps communes to the on-time rate, skips the provincial agencies and the parent', () => {
    const out = records();
    mapProgressTree(
      readTreePage(
        tree(
          child('03', 'Ban quản lý các khu công nghiệp - Tỉnh Phú Thọ', 'PROVINCE', 588, 486, 102),
          child('100', 'UBND Phường Việt Trì', 'COMMUNE', 2971, 2348, 623),
          child('106', 'UBND xã Lâm Thao - Tỉnh Phú Thọ', 'COMMUNE', 2079, 1660, 419),
        ),
      ),
      '25',
      out,
    );
    expect(values(out, '07900')).toEqual({ dossier_on_time_rate: [2348, 2971] });
    expect(values(out, '08494')).toEqual({ dossier_on_time_rate: [1660, 2079] });
    const r = out.result();
    expect(r.items.every((i) => i.period === DAY && i.observedAt === NOW)).toBe(true);
    expect(r.recordsRead).toBe(4);
    expect(r.itemRecord).toEqual([2, 3]);
    expect(skippedCount(out, /provincial agencies/)).toBe(1);
    expect(skippedCount(out, /province’s own tree/)).toBe(1);
    // no child carries totalCompleted (as captured): the mean processing days are left out and counted
    expect(skippedCount(out, /without totalCompleted/)).toBe(2);
  });

  it('maps the mean processing days weighted by completed dossiers where the child has them', () => {
    const out = records();
    mapProgressTree(readTreePage(tree(child('100', 'UBND Phường Việt Trì', 'COMMUNE', 2971, 2348, 623, { totalCompleted: 2400 }))), '25', out);
    const item = out.result().items.find((i) => i.indicator === 'avg_processing_days');
    expect(item).toMatchObject({ unit: '07900', value: 5.6, weight: 2400, period: DAY });
  });

  it('refuses a child whose on-time and overdue do not add up to received, with the numbers', () => {
    const out = records();
    mapProgressTree(readTreePage(tree(child('104', 'UBND xã Hy Cương', 'COMMUNE', 1270, 854, 400), child('100', 'UBND Phường Việt Trì', 'COMMUNE', 2971, 2348, 623))), '25', out);
    const r = out.result();
    expect(r.rejections).toEqual([{ record: 1, code: 'bad_record', reason: expect.stringMatching(/totalOnTime 854 \+ totalOverdue 400 = 1254, not totalReceived 1270/) }]);
    expect(values(out, '08515')).toEqual({});
    expect(values(out, '07900')).toEqual({ dossier_on_time_rate: [2348, 2971] });
  });

  it('gives no on-time rate for a commune with no dossier (0/0 is no value)', () => {
    const out = records();
    mapProgressTree(readTreePage(tree(child('101', 'UBND Phường Nông Trang', 'COMMUNE', 0, 0, 0))), '25', out);
    expect(out.result().items).toEqual([]);
    expect(skippedCount(out, /no dossier received/)).toBe(1);
  });

  it('refuses a commune that is not found within its province', () => {
    const out = records();
    mapProgressTree(readTreePage(tree(child('999', 'UBND xã Không Có', 'COMMUNE', 10, 9, 1))), '25', out);
    expect(out.result().rejections[0]).toMatchObject({ code: 'unmapped_unit', reason: expect.stringMatching(/name 'xã Không Có'/) });
  });

  it('throws on trees that do not have the shape', () => {
    expect(shapeError(() => readTreePage({ code: 'OK', data: { children: [] } })).message).toMatch(/data\.parent is missing/);
    expect(shapeError(() => readTreePage({ code: 'OK', data: { parent: {}, children: {} } })).message).toMatch(/data\.children is not an array/);
    const renamed = { ...child('100', 'UBND Phường Việt Trì', 'COMMUNE', 2971, 2348, 623), totalOnTime: undefined, onTime: 2348 };
    expect(shapeError(() => mapProgressTree(readTreePage(tree(renamed)), '25', records())).message).toMatch(/no row has totalReceived and totalOnTime/);
  });
});

const metric = (code: string, numerator: number | null, denominator: number | null, extra: object = {}) => ({ code, name: code, numerator, denominator, ratio: null, score: null, maxScore: 2, ...extra });
const formA = (...evaluation: unknown[]) => ({
  code: 'OK',
  data: { overview: { departmentName: 'UBND tỉnh Phú Thọ', departmentLevel: 'PROVINCE', totalScore: 8.22, metrics: [metric('ORIGINAL_RESULT_AVAILABLE', 133274, 184513)] }, evaluation },
});
const commune = (name: string, level: string, metrics: unknown[]) => ({ departmentId: name, departmentName: name, departmentLevel: level, totalScore: 8, metrics });

describe('Form A', () => {
  it('maps commune metrics by code to ratio indicators with their numerator and denominator', () => {
    const out = records();
    const page = readFormAPage(
      formA(
        commune('Ban quản lý các khu công nghiệp - Tỉnh Phú Thọ', 'PROVINCE', [metric('ORIGINAL_RESULT_AVAILABLE', 385, 588)]),
        commune('UBND Phường Việt Trì', 'COMMUNE', [
          metric('ORIGINAL_RESULT_AVAILABLE', 2469, 2971),
          metric('SO_HOA_GIAY_TO_GIAI_QUYET', 479, 2971),
          metric('REUSED_DIGITIZED_DATA', 35, 2971),
          metric('SYNCED_WITH_DVCQG_PERSONAL_STORAGE', 0, 2971),
          metric('CITIZEN_DATA_CONNECTED_DOSSIER', 1137, 2971),
          metric('CITIZEN_DATA_CONNECTED_FORMALITY', 46, 385),
          metric('ELECTRONIC_CERTIFIED_COPY', null, null),
        ]),
      ),
      'dossier-digitized',
    );
    mapFormA('dossier-digitized', page, '25', out);
    expect(values(out, '07900')).toEqual({
      e_result_rate: [2469, 2971],
      dossier_digitization_rate: [479, 2971],
      digitized_data_reuse_rate: [35, 2971],
      citizen_data_dossier_rate: [1137, 2971],
    });
    expect(out.result().items).toHaveLength(4);
    expect(skippedCount(out, /provincial agencies/)).toBe(1);
    expect(skippedCount(out, /province’s own tree or overview/)).toBe(1);
  });

  it('leaves out flagged, null and 0-denominator metrics, and refuses non-whole counts', () => {
    const out = records();
    mapFormA(
      'transparency',
      readFormAPage(
        formA(
          commune('UBND Phường Việt Trì', 'COMMUNE', [metric('DOSSIER_SYNC', 2247, 2247, { dataQualityStatus: 'TEMP_NATIONAL_REPORT_DENOMINATOR' })]),
          commune('UBND Phường Nông Trang', 'COMMUNE', [metric('DOSSIER_SYNC', 0, 0)]),
          commune('UBND xã Hy Cương', 'COMMUNE', [metric('DOSSIER_SYNC', null, 953)]),
          commune('UBND xã Lâm Thao - Tỉnh Phú Thọ', 'COMMUNE', [metric('DOSSIER_SYNC', 1742.5, 1800)]),
        ),
        'transparency',
      ),
      '25',
      out,
    );
    const r = out.result();
    expect(r.items).toEqual([]);
    expect(skippedCount(out, /TEMP_NATIONAL_REPORT_DENOMINATOR/)).toBe(1);
    expect(skippedCount(out, /denominator of 0/)).toBe(1);
    expect(skippedCount(out, /left null/)).toBe(1);
    expect(r.rejections).toEqual([{ record: 4, code: 'bad_number', reason: expect.stringMatching(/DOSSIER_SYNC 1742\.5\/1800/) }]);
  });

  it('maps the satisfaction metrics of handling-satisfaction', () => {
    const out = records();
    const row = commune('UBND xã Lâm Thao - Tỉnh Phú Thọ', 'COMMUNE', [
      metric('PETITION_CLASSIFICATION_TTHC', 0, 2),
      metric('DOSSIER_RECEIVING_SATISFACTION', 1660, 2079),
      metric('PETITION_PROCESSING_ON_TIME', 2, 2),
      metric('PETITION_HANDLING_SATISFACTION', 0, 2),
    ]);
    mapFormA('handling-satisfaction', readFormAPage(formA(row), 'handling-satisfaction'), '25', out);
    expect(values(out, '08494')).toEqual({ dossier_satisfaction_rate: [1660, 2079], pakn_on_time_rate: [2, 2], pakn_satisfaction_rate: [0, 2] });
  });

  it('throws when no row has metrics', () => {
    const renamed = { departmentName: 'UBND Phường Việt Trì', departmentLevel: 'COMMUNE', items: [] };
    expect(shapeError(() => mapFormA('dossier-digitized', readFormAPage(formA(renamed), 'dossier-digitized'), '25', records())).message).toMatch(/no row has metrics/);
  });
});

describe('plainName', () => {
  it('takes off the committee prefix and the portal’s province suffix', () => {
    expect(plainName('UBND xã Lâm Thao - Tỉnh Phú Thọ')).toBe('xã Lâm Thao');
    expect(plainName('UBND xã Vĩnh Tường - tỉnh Phú Thọ')).toBe('xã Vĩnh Tường');
    expect(plainName('UBND Thành phố Hồ Chí Minh')).toBe('Thành phố Hồ Chí Minh');
    expect(plainName('Bộ Y tế')).toBe('Bộ Y tế');
  });
});
