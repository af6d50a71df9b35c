import { reportingLevels } from '../contract/validate-observation';
import type { Indicator, PeriodKind, ReportLevel } from '../indicators/indicator';
import { currentPeriod } from '../time/period';
import type { Unit, UnitLevel } from '../units/unit';
import type { ObservationMapping, RecordMapping } from './definition';

/**
 * The upload template (docs/api.md "Uploads") and its way back. A template is a sheet with the unit's official code,
 * its name and the period, then one column per figure of each chosen indicator, headed in Vietnamese with a key in
 * brackets: "Tỷ lệ hồ sơ … — tử số [dossier_on_time_rate.num]". The upload reads only the key, so a header's wording
 * may change (a new catalog name, a user's retyping) without breaking a file filled in last month.
 */

export const CODE_HEADER = 'Mã đơn vị';
export const NAME_HEADER = 'Tên đơn vị';
export const PERIOD_HEADER = 'Kỳ';
/** A template lists at most this many units (a national template of commune figures is 3,321 communes). */
export const MAX_TEMPLATE_ROWS = 5000;

/** The part of an indicator's figure a column holds: `value` (sum, max, official), num/den (ratio), value/weight (wmean). */
export type ColumnPart = 'value' | 'num' | 'den' | 'weight';

export interface TemplateColumn {
  header: string;
  indicator: string;
  part: ColumnPart;
}

export type TemplateErrorCode = 'mixed_periods' | 'too_many_rows' | 'not_reportable' | 'no_indicators' | 'bad_file';

/** A template that cannot be made, or a file whose headers are not one: the caller's to fix (a 400). */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(
    readonly code: TemplateErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The parts an indicator's kind is sent as, in column order. */
export function partsOf(ind: Indicator): ColumnPart[] {
  return ind.kind === 'ratio' ? ['num', 'den'] : ind.kind === 'wmean' ? ['value', 'weight'] : ['value'];
}

const PART_WORDS: Record<ColumnPart, string> = { value: 'giá trị', num: 'tử số', den: 'mẫu số', weight: 'trọng số' };

/** The bracketed key of a column: `[id]` for a single value, `[id.part]` for one of two parts. */
export function columnKey(ind: Indicator, part: ColumnPart): string {
  return partsOf(ind).length === 1 ? ind.id : `${ind.id}.${part}`;
}

export function indicatorColumns(ind: Indicator): TemplateColumn[] {
  const parts = partsOf(ind);
  return parts.map((part) => ({
    header: parts.length === 1 ? `${ind.name.vi} [${columnKey(ind, part)}]` : `${ind.name.vi} — ${PART_WORDS[part]} [${columnKey(ind, part)}]`,
    indicator: ind.id,
    part,
  }));
}

/** The levels a user of a scope at `level` reports for: theirs and those below it. */
const LEVELS_WITHIN: Record<UnitLevel, readonly ReportLevel[]> = {
  national: ['national', 'province', 'commune', 'ministry'],
  province: ['province', 'commune'],
  commune: ['commune'],
  ministry: ['ministry'],
};

/** May a user whose scope is at `scopeLevel` report this indicator (is it reported at a level within the scope)? */
export function reportableWithin(ind: Indicator, scopeLevel: UnitLevel): boolean {
  return reportingLevels(ind).some((l) => LEVELS_WITHIN[scopeLevel].includes(l));
}

/** What a template needs of the unit list (core/units/registry.ts UnitRegistry has it). */
export interface TemplateUnits {
  get(code: string): Unit | undefined;
  children(code: string): readonly Unit[];
}

export interface UploadTemplate {
  headers: string[];
  columns: TemplateColumn[];
  /** One row per unit: code, full name, the current period, then an empty cell per column. */
  rows: string[][];
  period: string;
  periodKind: PeriodKind;
}

const PERIOD_WORDS: Record<PeriodKind, string> = {
  live: 'tức thời (live)',
  day: 'ngày (YYYY-MM-DD)',
  month: 'tháng (YYYY-MM)',
  quarter: 'quý (YYYY-Qn)',
  year: 'năm (YYYY)',
};

const LEVEL_ORDER: Record<UnitLevel, number> = { national: 0, province: 1, commune: 2, ministry: 3 };

/** The units within `scope` at one of `levels`: the scope first, then depth first by code, ministries last. */
function unitsAt(units: TemplateUnits, scope: string, levels: ReadonlySet<UnitLevel>): Unit[] {
  const out: Unit[] = [];
  const visit = (unit: Unit): void => {
    if (levels.has(unit.level)) {
      if (out.length >= MAX_TEMPLATE_ROWS) {
        throw new TemplateError('too_many_rows', `the template would list over ${MAX_TEMPLATE_ROWS} units: choose a narrower scope (a province)`);
      }
      out.push(unit);
    }
    const children = [...units.children(unit.code)].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.code.localeCompare(b.code));
    for (const child of children) visit(child);
  };
  const root = units.get(scope);
  if (root) visit(root);
  return out;
}

/**
 * The template for `indicators` within `scope`: the units at the levels the indicators are reported at, the current
 * period of their (single) period kind prefilled. Indicators of different period kinds cannot share the one period
 * column; an indicator reported at no level within the scope has no row to fill.
 */
export function uploadTemplate(indicators: readonly Indicator[], scope: string, units: TemplateUnits, nowMs: number): UploadTemplate {
  if (indicators.length === 0) throw new TemplateError('no_indicators', 'choose at least one indicator');
  const root = units.get(scope);
  if (!root) throw new TemplateError('not_reportable', `unknown unit '${scope}'`);
  const kinds = [...new Set(indicators.map((i) => i.periodKind))];
  if (kinds.length > 1) {
    const byKind = kinds.map((k) => `${PERIOD_WORDS[k]}: ${indicators.filter((i) => i.periodKind === k).map((i) => i.id).join(', ')}`);
    throw new TemplateError('mixed_periods', `one template has one period column, and these indicators have periods of different kinds (${byKind.join('; ')}): make one template per kind`);
  }
  const outside = indicators.filter((i) => !reportableWithin(i, root.level));
  if (outside.length > 0) {
    throw new TemplateError('not_reportable', `not reported at any level within ${scope}: ${outside.map((i) => `${i.id} (reported by ${reportingLevels(i).join(', ')})`).join('; ')}`);
  }
  const levels = new Set<UnitLevel>(indicators.flatMap((i) => reportingLevels(i)).filter((l) => LEVELS_WITHIN[root.level].includes(l)));
  const periodKind = kinds[0]!;
  const period = currentPeriod(periodKind, nowMs);
  const columns = indicators.flatMap(indicatorColumns);
  const rows = unitsAt(units, scope, levels).map((u) => [u.code, u.fullName.vi, period, ...columns.map(() => '')]);
  return { headers: [CODE_HEADER, NAME_HEADER, PERIOD_HEADER, ...columns.map((c) => c.header)], columns, rows, period, periodKind };
}

/** The "Hướng dẫn" sheet: what each column holds and the rules of a file, in Vietnamese (two columns). */
export function templateGuide(indicators: readonly Indicator[], template: UploadTemplate, limitMb: number): string[][] {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const columnNote = (c: TemplateColumn): string => {
    const ind = byId.get(c.indicator)!;
    const what = c.part === 'num' || c.part === 'value' ? ind.numerator?.vi : ind.denominator?.vi;
    const measure =
      ind.kind === 'ratio' ? `nhập số, không nhập phần trăm; tỷ lệ (${ind.measure.vi}) được tính từ tử số và mẫu số` : c.part === 'weight' ? 'trọng số của giá trị' : `đơn vị: ${ind.measure.vi}`;
    return [what, measure].filter(Boolean).join('; ');
  };
  return [
    ['Cột', 'Cách điền'],
    [CODE_HEADER, 'Mã đơn vị hành chính chính thức (2 chữ số: tỉnh, thành phố; 5 chữ số: xã, phường, đặc khu). Giữ nguyên dạng văn bản để không mất số 0 ở đầu (00004).'],
    [NAME_HEADER, 'Tên đơn vị, chỉ để đối chiếu; hệ thống đọc theo mã.'],
    [PERIOD_HEADER, `Kỳ số liệu — ${PERIOD_WORDS[template.periodKind]}; đã điền sẵn kỳ hiện tại ${template.period}. Không được là kỳ tương lai.`],
    ...template.columns.map((c) => [c.header, columnNote(c)]),
    [],
    ['Lưu ý', ''],
    ['Ô để trống', 'Để trống là chưa báo cáo (không phải 0). Dòng không có số liệu nào được bỏ qua.'],
    ['Mã trong [ngoặc vuông]', 'Hệ thống đọc cột theo mã trong ngoặc vuông ở cuối tiêu đề; có thể đổi chữ phía trước nhưng giữ nguyên mã. Cột không có mã được bỏ qua.'],
    ['Số thập phân', 'Tệp XLSX: nhập số trong ô số. Tệp CSV phân tách bằng dấu chấm phẩy (;): dấu phẩy là dấu thập phân (12,5).'],
    ['Tỷ lệ', 'Chỉ tiêu tỷ lệ nhập tử số và mẫu số (số đếm), không nhập phần trăm; tử số không lớn hơn mẫu số.'],
    ['Xem trước', 'Sau khi tải lên, mỗi dòng được kiểm tra và hiện hợp lệ hoặc bị từ chối kèm lý do; chỉ khi bấm "Ghi số liệu" các dòng hợp lệ mới được ghi, thành một lô. Dòng bị từ chối không ghi gì.'],
    ['Giới hạn', `Tệp CSV hoặc XLSX, tối đa ${limitMb} MB và ${MAX_TEMPLATE_ROWS} dòng; chỉ các đơn vị trong phạm vi của tài khoản.`],
  ];
}

export interface HeaderMapping {
  mapping: RecordMapping;
  /** The indicators the file's columns name, in column order. */
  indicators: string[];
  /** Every column a figure is read from: a row with all of them empty holds no figure. */
  valueFields: string[];
  /** Columns ignored and why (they refuse no row). */
  warnings: string[];
}

const KEY = /\[([A-Za-z0-9_.-]{1,120})\]\s*$/;
const SUFFIX = /^(.+)\.(value|num|den|weight)$/;

/** The indicator and part a header's key names: the whole key as an id first (ids may hold dots), then `id.part`. */
function keyOf(header: string, indicator: (id: string) => Indicator | undefined): { id: string; ind?: Indicator; part: ColumnPart } | undefined {
  const key = KEY.exec(header)?.[1];
  if (key === undefined) return undefined;
  const whole = indicator(key);
  if (whole) return { id: key, ind: whole, part: 'value' };
  const m = SUFFIX.exec(key);
  return m ? { id: m[1]!, ind: indicator(m[1]!), part: m[2] as ColumnPart } : { id: key, part: 'value' };
}

/**
 * A file's headers → the mapping that reads it (core/connectors/map-records.ts): the unit from `Mã đơn vị` (named
 * any way the resolver knows, within `within`), the period from `Kỳ` (the current period when the file has no such
 * column), the time of the upload as observedAt, one observation per indicator whose columns are all there.
 */
export function mappingFromHeaders(
  headers: readonly string[],
  indicator: (id: string) => Indicator | undefined,
  options: { decimal: '.' | ','; within?: string },
): HeaderMapping {
  if (!headers.includes(CODE_HEADER)) {
    throw new TemplateError('bad_file', `the file has no "${CODE_HEADER}" column (the units' official codes): start from the template`);
  }
  const warnings: string[] = [];
  const found = new Map<string, { ind: Indicator; parts: Map<ColumnPart, string> }>();
  for (const h of headers) {
    if (h === CODE_HEADER || h === NAME_HEADER || h === PERIOD_HEADER) continue;
    const key = keyOf(h, indicator);
    if (!key) {
      warnings.push(`column "${h}" is ignored: its header ends with no [indicator] key`);
      continue;
    }
    if (!key.ind) {
      warnings.push(`column "${h}" is ignored: unknown indicator '${key.id}'`);
      continue;
    }
    const parts = partsOf(key.ind);
    if (!parts.includes(key.part)) {
      warnings.push(`column "${h}" is ignored: ${key.id} is a ${key.ind.kind} indicator, sent as ${parts.map((p) => `[${columnKey(key.ind!, p)}]`).join(' and ')}`);
      continue;
    }
    const entry = found.get(key.id) ?? { ind: key.ind, parts: new Map<ColumnPart, string>() };
    if (entry.parts.has(key.part)) {
      warnings.push(`column "${h}" is ignored: [${columnKey(key.ind, key.part)}] is already read from "${entry.parts.get(key.part)}"`);
      continue;
    }
    entry.parts.set(key.part, h);
    found.set(key.id, entry);
  }
  const observations: ObservationMapping[] = [];
  const valueFields: string[] = [];
  for (const [id, { ind, parts }] of found) {
    const missing = partsOf(ind).filter((p) => !parts.has(p));
    if (missing.length > 0) {
      warnings.push(`${id} is ignored: the file has no column [${missing.map((p) => columnKey(ind, p)).join('], [')}]`);
      continue;
    }
    const field = (p: ColumnPart) => parts.get(p)!;
    const value = ind.kind === 'ratio' ? { num: field('num'), den: field('den') } : ind.kind === 'wmean' ? { value: field('value'), weight: field('weight') } : { value: field('value') };
    observations.push({ indicator: { const: id }, value });
    valueFields.push(...partsOf(ind).map(field));
  }
  if (observations.length === 0) {
    throw new TemplateError('bad_file', 'the file has no indicator column: each figure\'s header must end with its key, as the template\'s do ("… [dossier_received_count]")');
  }
  const hasPeriod = headers.includes(PERIOD_HEADER);
  const kinds = new Set(observations.map((o) => indicator((o.indicator as { const: string }).const)!.periodKind));
  if (hasPeriod && kinds.size > 1) warnings.push(`the indicators have periods of different kinds (${[...kinds].join(', ')}) and one "${PERIOD_HEADER}" column: the figures whose period does not fit are refused`);
  const mapping: RecordMapping = {
    unit: { field: CODE_HEADER, naming: 'auto', ...(options.within ? { within: options.within } : {}) },
    period: hasPeriod ? { field: PERIOD_HEADER } : 'pull',
    observedAt: 'pull',
    observations,
    decimal: options.decimal,
  };
  return { mapping, indicators: observations.map((o) => (o.indicator as { const: string }).const), valueFields, warnings };
}

/** The decimal mark of a CSV's numbers: `,` when its fields are separated by `;` (a Vietnamese spreadsheet), else `.`. */
export function csvDecimalMark(text: string): '.' | ',' {
  const firstLine = text.slice(0, Math.max(0, text.search(/\r?\n|$/)));
  return firstLine.includes(';') ? ',' : '.';
}
