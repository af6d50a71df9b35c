import type { PullFailureCode, RecordRejection } from '../contract/connectors';
import type { Indicator } from '../indicators/indicator';
import { DVC766_GROUPS, variantId } from '../indicators/variants';
import { currentPeriod } from '../time/period';
import type { UnitResolver } from '../units/unit-resolver';
import { isCommuneCode, isMinistryCode, isProvinceCode } from '../units/unit-code';

/**
 * The national public service portal's 766 reporting API (shared/domain/indicators.md §1.2–1.4, §4.1) as
 * push-shaped observations. Pure: the answers come in parsed; the worker (workers/feeds/connectors/dvcqg.pull.ts)
 * fetches and pages them.
 *
 * Every figure lands on `currentPeriod(indicator.periodKind, nowMs)`, the day of the pull for the daily indicators,
 * and is observed at `nowMs`: what the portal publishes is its month-to-date (or quarter-, year-to-date) figure as it
 * stands that day, so a day's value is "the month so far, as published on that day". `null` from the portal is no
 * value, never 0, and a 0 denominator gives no ratio (0/0 is no value). The portal's scores are authoritative: they
 * are taken as given, never recomputed from their parts.
 */

/**
 * `groupScores` codes → the catalog's groups, by the meaning of the endpoint each group is scored from (§1.2), not by
 * the code's name: CLGQ is scored by provide-online-tree (online public services, max 12) although an older scraper
 * read it as payment; TTTT by formality-online-payment-tree (online payment, max 10). A score above its group's
 * maximum means the codes moved: the row is refused.
 */
export const GROUP_OF_CODE: Readonly<Record<string, string>> = Object.freeze({
  CKMB: 'ckmb',
  TDGQ: 'tdgq',
  CLGQ: 'dvctt',
  TTTT: 'tttt',
  MDHL: 'mdhl',
  MDSH: 'mdsh',
});

/**
 * Form A `metrics[]` codes → ratio indicators reported by communes, where the metric's numerator and denominator are
 * what the catalog row counts (§1.3 and the catalog's `basis`). Codes not here have no catalog indicator (the
 * procedure-catalogue ratios PUBLISH_ON_TIME, PUBLIC_UPDATE_ON_TIME, PUBLIC_CONTENT_FULL,
 * CITIZEN_DATA_CONNECTED_FORMALITY are province/ministry figures over a shared catalogue; SYNCED_WITH_DVCQG_PERSONAL_STORAGE,
 * ELECTRONIC_CERTIFIED_COPY and the petition classifications have no row) and are left out.
 */
export const FORM_A_METRICS: Readonly<Record<string, string>> = Object.freeze({
  // transparency
  DOSSIER_SYNC: 'dossier_sync_rate',
  // handling-satisfaction
  DOSSIER_RECEIVING_SATISFACTION: 'dossier_satisfaction_rate',
  PETITION_PROCESSING_ON_TIME: 'pakn_on_time_rate',
  PETITION_HANDLING_SATISFACTION: 'pakn_satisfaction_rate',
  // dossier-digitized
  ORIGINAL_RESULT_AVAILABLE: 'e_result_rate',
  SO_HOA_GIAY_TO_GIAI_QUYET: 'dossier_digitization_rate',
  REUSED_DIGITIZED_DATA: 'digitized_data_reuse_rate',
  CITIZEN_DATA_CONNECTED_DOSSIER: 'citizen_data_dossier_rate',
});

export type FormAEndpoint = 'transparency' | 'handling-satisfaction' | 'dossier-digitized';

/** An answer that is not the shape the adapter reads: the whole pull fails (the worker makes it a PullError). */
export class DvcqgShapeError extends Error {
  override readonly name = 'DvcqgShapeError';
  constructor(
    readonly code: Extract<PullFailureCode, 'mapping_mismatch' | 'malformed'>,
    message: string,
  ) {
    super(message);
  }
}

export interface DvcqgContext {
  units: UnitResolver;
  indicator(id: string): Indicator | undefined;
  nowMs: number;
  /** The connector's scope: figures outside it are left out (a push would refuse them). */
  scope: { units: readonly string[]; indicators: readonly string[] | '*' };
}

/** The shape of workers' MappedPull (core may not import it). */
export interface DvcqgMapped {
  recordsRead: number;
  items: Record<string, unknown>[];
  itemRecord: number[];
  rejections: RecordRejection[];
  skipped: { count: number; reason: string }[];
}

type Figure = { value: number } | { num: number; den: number } | { value: number; weight: number };
type Row = Record<string, unknown>;

const isRow = (x: unknown): x is Row => typeof x === 'object' && x !== null && !Array.isArray(x);
const text = (x: unknown): string | undefined => (typeof x === 'string' && x.trim() !== '' ? x.trim() : undefined);
const mismatch = (message: string) => new DvcqgShapeError('mapping_mismatch', message);

const SKIP = {
  agency: 'provincial agencies (Sở, Ban …, level PROVINCE): not units; the province’s figures are derived from its communes',
  parent: 'the province’s own tree or overview row: its ratios are derived from its communes, not taken from the portal',
  ministriesOverview: 'the ministries ranking’s overview row: an aggregate of ministries, not a unit',
  outOfScope: 'rows of units outside the connector’s scope',
  indicatorOutOfScope: 'figures of indicators outside the connector’s scope',
  nullScore: 'scores the portal left null or out: no value, never 0',
  nullMetric: 'metrics whose numerator or denominator the portal left null: no value, never 0',
  noDossiers: 'communes with no dossier received: 0/0 is no on-time rate',
  zeroDen: 'metrics with a denominator of 0: no value',
  noCompleted: 'communes without totalCompleted: the mean processing time has no weight, so it is left out',
  noneCompleted: 'communes with no completed dossier: the mean processing time has no weight',
} as const;

/** The records of one pull, numbered across all its answers in the order they were read. */
export class DvcqgRecords {
  private readonly out: DvcqgMapped = { recordsRead: 0, items: [], itemRecord: [], rejections: [], skipped: [] };
  private readonly skips = new Map<string, number>();

  constructor(readonly ctx: DvcqgContext) {}

  get recordsRead(): number {
    return this.out.recordsRead;
  }

  /** The index of the next record. */
  next(): number {
    return this.out.recordsRead++;
  }

  skip(reason: string): void {
    this.skips.set(reason, (this.skips.get(reason) ?? 0) + 1);
  }

  reject(record: number, code: string, reason: string): void {
    this.out.rejections.push({ record, code, reason });
  }

  /** True when the unit (a commune: or its province) lies in the connector's scope. */
  inScope(unit: string, province?: string): boolean {
    const s = this.ctx.scope.units;
    return s.includes('VN') || s.includes(unit) || (province !== undefined && s.includes(province));
  }

  emit(record: number, indicatorId: string, unit: string, figure: Figure): void {
    const { scope } = this.ctx;
    if (scope.indicators !== '*' && !scope.indicators.includes(indicatorId)) return this.skip(SKIP.indicatorOutOfScope);
    const indicator = this.ctx.indicator(indicatorId);
    if (!indicator) throw mismatch(`the adapter maps to ${indicatorId}, which the indicator catalog does not hold`);
    const period = currentPeriod(indicator.periodKind, this.ctx.nowMs);
    this.out.items.push({ indicator: indicatorId, unit, period, ...figure, observedAt: this.ctx.nowMs });
    this.out.itemRecord.push(record);
  }

  result(): DvcqgMapped {
    return { ...this.out, skipped: [...this.skips].map(([reason, count]) => ({ count, reason })) };
  }
}

/** `data` of an answer `{"code":"OK","data":{…}}`. */
function dataOf(answer: unknown, endpoint: string): Row {
  if (!isRow(answer)) throw mismatch(`${endpoint}: the answer is not a JSON object`);
  if (answer.code !== 'OK') {
    const said = text(answer.message) ? ` (${String(answer.message).slice(0, 120)})` : '';
    throw mismatch(`${endpoint}: code is ${JSON.stringify(answer.code ?? null)}, not "OK"${said}`);
  }
  if (!isRow(answer.data)) throw mismatch(`${endpoint}: the answer has no data object`);
  return answer.data;
}

function rowsOf(data: Row, field: string, endpoint: string): Row[] {
  const rows = data[field];
  if (!Array.isArray(rows)) throw mismatch(`${endpoint}: data.${field} is ${rows === undefined ? 'missing' : 'not an array'}`);
  rows.forEach((r, i) => {
    if (!isRow(r)) throw mismatch(`${endpoint}: data.${field}[${i}] is not an object`);
  });
  return rows as Row[];
}

/** A renamed field shows as every row lacking it: the mapping no longer matches the API. */
function expectSomeRowHas(rows: Row[], fields: string[], where: string): void {
  if (rows.length === 0 || rows.some((r) => fields.every((f) => r[f] !== undefined))) return;
  const seen = [...new Set(rows.flatMap((r) => Object.keys(r)))].slice(0, 20).join(', ');
  throw mismatch(`${where}: no row has ${fields.join(' and ')} (fields seen: ${seen})`);
}

/** One page of a tree (parent + children) or Form A (overview + evaluation) answer. */
export interface DvcqgPage {
  head: Row | null;
  rows: Row[];
}

export function readTreePage(answer: unknown, endpoint = 'dvc-progress-tree'): DvcqgPage {
  const data = dataOf(answer, endpoint);
  if (!isRow(data.parent)) throw mismatch(`${endpoint}: data.parent is ${data.parent === undefined ? 'missing' : 'not an object'}`);
  return { head: data.parent, rows: rowsOf(data, 'children', endpoint) };
}

export function readFormAPage(answer: unknown, endpoint: FormAEndpoint): DvcqgPage {
  const data = dataOf(answer, endpoint);
  return { head: isRow(data.overview) ? data.overview : null, rows: rowsOf(data, 'evaluation', endpoint) };
}

/** "UBND xã Lâm Thao - Tỉnh Phú Thọ" → "xã Lâm Thao": the portal's committee prefix and its province suffix off. */
export function plainName(name: string): string {
  return name
    .replace(/^\s*UBND\s+/i, '')
    .replace(/\s+-\s+(tỉnh|thành phố|tp\.?)\s+.+$/iu, '')
    .trim();
}

type Resolved = { ok: true; code: string } | { ok: false; code: string; reason: string };

const LEVEL_SHAPE: Record<'province' | 'commune' | 'ministry', (code: string) => boolean> = {
  province: isProvinceCode,
  commune: isCommuneCode,
  ministry: isMinistryCode,
};

/**
 * A row's unit: a province by its portal code (`H44`, naming `dvcqg`), falling back to its name; a commune by name
 * within its province; a ministry by name. A name that resolves to a unit of another level is refused, not taken.
 */
function resolveRow(row: Row, level: keyof typeof LEVEL_SHAPE, units: UnitResolver, within?: string): Resolved {
  const tries: { code: string; reason: string }[] = [];
  const attempt = (value: string, naming: 'dvcqg' | 'name'): Resolved | undefined => {
    const m = units.resolve(value, naming, within);
    if (m.ok && LEVEL_SHAPE[level](m.code)) return { ok: true, code: m.code };
    tries.push(
      m.ok
        ? { code: 'unmapped_unit', reason: `${naming} '${value}' resolved to ${m.code}, which is not a ${level}` }
        : { code: m.code, reason: `${naming} '${value}': ${m.reason}` },
    );
    return undefined;
  };
  const code = text(row.departmentCode);
  const name = text(row.departmentName);
  const found = (level === 'province' && code ? attempt(code, 'dvcqg') : undefined) ?? (name ? attempt(plainName(name), 'name') : undefined);
  if (found) return found;
  if (tries.length === 0) return { ok: false, code: 'missing_field', reason: 'the row has no departmentCode or departmentName' };
  return { ok: false, code: tries[tries.length - 1]!.code, reason: tries.map((t) => t.reason).join('; ') };
}

const labelOf = (row: Row, path: string): string => `${path} (${text(row.departmentName) ?? text(row.departmentCode) ?? 'no name'})`;

/** A whole, non-negative count; `undefined` for null or absent; NaN for anything else. */
function countOf(x: unknown): number | undefined {
  if (x === null || x === undefined) return undefined;
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 ? x : NaN;
}

/**
 * service-results: each row's total → `dvc766_total_score` and its six groups → `dvc766_group_score.<group>`, for a
 * province (kind `province`, whose overview "Cả nước" is the national total) or a ministry.
 */
export function mapServiceResults(answer: unknown, kind: 'province' | 'ministry', out: DvcqgRecords): void {
  const data = dataOf(answer, 'service-results');
  const rows = rowsOf(data, 'evaluation', 'service-results');
  expectSomeRowHas(rows, ['groupScores'], 'service-results: data.evaluation');
  rows.forEach((row, i) => {
    if (row.totalScore === undefined && row.groupScores === undefined) {
      throw mismatch(`service-results: ${labelOf(row, `data.evaluation[${i}]`)} has neither totalScore nor groupScores`);
    }
  });
  if (isRow(data.overview)) {
    const record = out.next();
    if (kind === 'ministry') out.skip(SKIP.ministriesOverview);
    else if (!out.inScope('VN')) out.skip(SKIP.outOfScope);
    else mapScores(data.overview, 'data.overview', 'VN', record, out, data.overview.groupScores !== undefined);
  }
  rows.forEach((row, i) => {
    const record = out.next();
    const unit = resolveRow(row, kind, out.ctx.units);
    if (!unit.ok) return out.reject(record, unit.code, `${labelOf(row, `data.evaluation[${i}]`)}: ${unit.reason}`);
    if (!out.inScope(unit.code)) return out.skip(SKIP.outOfScope);
    mapScores(row, `data.evaluation[${i}]`, unit.code, record, out, true);
  });
}

/** The provinces of a service-results ranking: official code → the portal's `departmentId` (a tree's `rootDepartmentId`). */
export function rankingDepartments(answer: unknown, units: UnitResolver): Map<string, string> {
  const found = new Map<string, string>();
  for (const row of rowsOf(dataOf(answer, 'service-results'), 'evaluation', 'service-results')) {
    const unit = resolveRow(row, 'province', units);
    const id = text(row.departmentId);
    if (unit.ok && id) found.set(unit.code, id);
  }
  return found;
}

/** `withGroups` false: the row carries no group scores by design (the overview), so none is counted as null. */
function mapScores(row: Row, path: string, unit: string, record: number, out: DvcqgRecords, withGroups: boolean): void {
  const label = labelOf(row, path);
  const groups = row.groupScores ?? null;
  if (groups !== null && !isRow(groups)) throw mismatch(`service-results: ${path}.groupScores is not an object`);
  if (groups && Object.keys(groups).length > 0 && !Object.keys(GROUP_OF_CODE).some((c) => c in groups)) {
    throw mismatch(`service-results: ${path}.groupScores has none of ${Object.keys(GROUP_OF_CODE).join(', ')} (got ${Object.keys(groups).join(', ')})`);
  }
  const problems: string[] = [];
  const score = (x: unknown, what: string, max: number): number | null => {
    if (x === null || x === undefined) return null;
    if (typeof x !== 'number' || !Number.isFinite(x)) problems.push(`${what} is ${JSON.stringify(x)}, not a number`);
    else if (x < 0 || x > max) problems.push(`${what} = ${x} is outside 0–${max}`);
    return typeof x === 'number' ? x : null;
  };
  const total = score(row.totalScore, 'totalScore', 100);
  const figures = DVC766_GROUPS.map((g) => {
    const code = Object.keys(GROUP_OF_CODE).find((c) => GROUP_OF_CODE[c] === g.code)!;
    return { group: g.code, value: score(groups?.[code], `groupScores.${code} (${g.name.vi}, max ${g.max})`, g.max ?? 100) };
  });
  if (problems.length > 0) {
    const swapped = problems.some((p) => p.startsWith('groupScores')) ? '; the portal’s group codes may have changed meaning' : '';
    return out.reject(record, 'bad_record', `${label}: ${problems.join('; ')}${swapped}: nothing of the row is taken`);
  }
  if (total === null) out.skip(SKIP.nullScore);
  else out.emit(record, 'dvc766_total_score', unit, { value: total });
  for (const f of withGroups ? figures : []) {
    if (f.value === null) out.skip(SKIP.nullScore);
    else out.emit(record, variantId('dvc766_group_score', f.group), unit, { value: f.value });
  }
}

/** The row's level on the portal: COMMUNE rows are units; PROVINCE rows are the province's agencies. */
function levelRow(row: Row, field: string, record: number, out: DvcqgRecords, path: string): 'commune' | undefined {
  const level = text(row[field]);
  if (level === 'COMMUNE') return 'commune';
  if (level === 'PROVINCE') out.skip(SKIP.agency);
  else if (level === undefined) out.reject(record, 'missing_field', `${labelOf(row, path)}: no ${field}`);
  else out.skip(`rows of level ${level}: not a level IOC Live keeps`);
  return undefined;
}

/**
 * dvc-progress-tree of one province: each commune child → `dossier_on_time_rate` {totalOnTime / totalReceived} and
 * `avg_processing_days` {avgProcessingDays, weight totalCompleted}. The parent's totals (which include the provincial
 * agencies) are not taken, and the agencies themselves are not units, so the province's figures are the rollup of its
 * communes': the catalog reports ratios and weighted means at commune level only and derives the levels above
 * (core/contract/validate-observation.ts `reportingLevels`), and an agency's dossiers have no unit to land on.
 */
export function mapProgressTree(page: DvcqgPage, province: string, out: DvcqgRecords): void {
  const where = `dvc-progress-tree of ${province}: data.children`;
  expectSomeRowHas(page.rows, ['totalReceived', 'totalOnTime'], where);
  if (page.head) {
    out.next();
    out.skip(SKIP.parent);
  }
  page.rows.forEach((row, i) => {
    const record = out.next();
    const path = `data.children[${i}]`;
    if (!levelRow(row, 'level', record, out, path)) return;
    const unit = resolveRow(row, 'commune', out.ctx.units, province);
    if (!unit.ok) return out.reject(record, unit.code, `${labelOf(row, path)}: ${unit.reason}`);
    if (!out.inScope(unit.code, province)) return out.skip(SKIP.outOfScope);
    const [received, onTime, overdue] = [row.totalReceived, row.totalOnTime, row.totalOverdue].map(countOf);
    const names = ['totalReceived', 'totalOnTime', 'totalOverdue'];
    const missing = [received, onTime, overdue].flatMap((v, k) => (v === undefined ? [names[k]] : []));
    const bad = [received, onTime, overdue].flatMap((v, k) => (Number.isNaN(v) ? [`${names[k]} ${JSON.stringify(row[names[k]!])}`] : []));
    if (missing.length) return out.reject(record, 'missing_field', `${labelOf(row, path)}: no ${missing.join(', ')}`);
    if (bad.length) return out.reject(record, 'bad_number', `${labelOf(row, path)}: ${bad.join(', ')} is not a whole count`);
    if (onTime! + overdue! !== received) {
      return out.reject(record, 'bad_record', `${labelOf(row, path)}: totalOnTime ${onTime} + totalOverdue ${overdue} = ${onTime! + overdue!}, not totalReceived ${received}`);
    }
    if (received === 0) out.skip(SKIP.noDossiers);
    else out.emit(record, 'dossier_on_time_rate', unit.code, { num: onTime!, den: received! });
    const completed = countOf(row.totalCompleted);
    const days = row.avgProcessingDays;
    if (completed === undefined) return out.skip(SKIP.noCompleted);
    if (Number.isNaN(completed) || typeof days !== 'number' || !Number.isFinite(days) || days < 0) {
      return out.reject(record, 'bad_number', `${labelOf(row, path)}: totalCompleted ${JSON.stringify(row.totalCompleted)} / avgProcessingDays ${JSON.stringify(days)} are not a count and a number of days`);
    }
    if (completed === 0) return out.skip(SKIP.noneCompleted);
    out.emit(record, 'avg_processing_days', unit.code, { value: days, weight: completed });
  });
}

/**
 * A Form A endpoint of one province: each commune row's `metrics[]` → the ratio indicators of FORM_A_METRICS, with the
 * metric's numerator and denominator. A metric the portal flags (`dataQualityStatus`, e.g. a provisional national
 * denominator) is left out: its ratio is not yet the figure the catalog defines.
 */
export function mapFormA(endpoint: FormAEndpoint, page: DvcqgPage, province: string, out: DvcqgRecords): void {
  expectSomeRowHas(page.rows, ['metrics'], `${endpoint} of ${province}: data.evaluation`);
  if (page.head) {
    out.next();
    out.skip(SKIP.parent);
  }
  page.rows.forEach((row, i) => {
    const record = out.next();
    const path = `data.evaluation[${i}]`;
    if (!levelRow(row, 'departmentLevel', record, out, path)) return;
    const unit = resolveRow(row, 'commune', out.ctx.units, province);
    if (!unit.ok) return out.reject(record, unit.code, `${labelOf(row, path)}: ${unit.reason}`);
    if (!out.inScope(unit.code, province)) return out.skip(SKIP.outOfScope);
    if (!Array.isArray(row.metrics)) return out.reject(record, 'missing_field', `${labelOf(row, path)}: metrics is not an array`);
    const figures: { id: string; num: number; den: number }[] = [];
    const skips: string[] = [];
    for (const [k, m] of row.metrics.entries()) {
      if (!isRow(m) || typeof m.code !== 'string') return out.reject(record, 'bad_record', `${labelOf(row, path)}: metrics[${k}] has no code`);
      const id = FORM_A_METRICS[m.code];
      if (!id) continue;
      const flag = text(m.dataQualityStatus);
      const [num, den] = [countOf(m.numerator), countOf(m.denominator)];
      if (flag) skips.push(`metrics the portal flags ${flag}: left out until the portal’s figure is final`);
      else if (num === undefined || den === undefined) skips.push(SKIP.nullMetric);
      else if (Number.isNaN(num) || Number.isNaN(den)) {
        return out.reject(record, 'bad_number', `${labelOf(row, path)}: ${m.code} ${JSON.stringify(m.numerator)}/${JSON.stringify(m.denominator)} are not whole counts`);
      } else if (den === 0) skips.push(SKIP.zeroDen);
      else figures.push({ id, num, den });
    }
    skips.forEach((s) => out.skip(s));
    for (const f of figures) out.emit(record, f.id, unit.code, { num: f.num, den: f.den });
  });
}
