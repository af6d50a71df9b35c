import type { DvcqgConnector } from '../../../core/connectors/definition';
import {
  DvcqgRecords,
  DvcqgShapeError,
  mapFormA,
  mapProgressTree,
  mapServiceResults,
  rankingDepartments,
  readFormAPage,
  readTreePage,
  type DvcqgPage,
  type FormAEndpoint,
} from '../../../core/connectors/dvcqg766';
import type { Indicator } from '../../../core/indicators/indicator';
import { currentPeriod } from '../../../core/time/period';
import type { UnitResolver } from '../../../core/units/unit-resolver';
import { PullError, type MappedPull } from './pull-error';
import { jsonOf, type RemoteFetch } from './remote';

export interface DvcqgDeps {
  fetch: RemoteFetch;
  units: UnitResolver;
  indicator: (id: string) => Indicator | undefined;
  nowMs: number;
  /** Rows asked per page of the trees and Form A answers: 100 by default, as the public capture asked of the trees. */
  pageSize?: number;
}

/** The provinces' ranking; the ministries' takes the connector's `ministryDepartmentType` (not captured, §4.1). */
const PROVINCES = 'ADMINISTRATIVE_UNIT';
/** A tree longer than this many pages fails the pull rather than landing a province with communes missing. */
export const MAX_PAGES = 50;

/** `{timeType, year, month | quarter}` of the portal period that holds the pull, in Viet Nam time. */
export function portalPeriod(timeType: DvcqgConnector['timeType'], nowMs: number): Record<string, string | number> {
  const [year, month] = currentPeriod('month', nowMs).split('-').map(Number) as [number, number];
  if (timeType === 'month') return { timeType, year, month };
  if (timeType === 'quarter') return { timeType, year, quarter: Math.floor((month - 1) / 3) + 1 };
  return { timeType, year };
}

/** handling-satisfaction takes the same period as dates (`fromDate`, `toDate`, inclusive), as the capture shows. */
function dateRange(timeType: DvcqgConnector['timeType'], nowMs: number): { fromDate: string; toDate: string } {
  const p = portalPeriod(timeType, nowMs);
  const first = timeType === 'month' ? Number(p.month) : timeType === 'quarter' ? (Number(p.quarter) - 1) * 3 + 1 : 1;
  const months = timeType === 'month' ? 1 : timeType === 'quarter' ? 3 : 12;
  const lastDay = new Date(Date.UTC(Number(p.year), first - 1 + months, 0));
  const pad = (n: number) => String(n).padStart(2, '0');
  return { fromDate: `${p.year}-${pad(first)}-01`, toDate: lastDay.toISOString().slice(0, 10) };
}

const rowId = (row: Record<string, unknown>): string | undefined => (typeof row.departmentId === 'string' ? row.departmentId : undefined);

/**
 * One pull of the 766 adapter (docs/connectors.md, "The 766 adapter"): the provinces' ranking (service-results),
 * the ministries' when the connector names their departmentType, then for each province in scope (and in
 * `treeProvinces`) its tree and Form A answers, taking its `departmentId` from the ranking. One MappedPull with the
 * records numbered across all answers in the order they were read. Any PullError of a request fails the whole pull.
 */
export async function collectDvcqg(def: DvcqgConnector, deps: DvcqgDeps): Promise<MappedPull> {
  const out = new DvcqgRecords({ units: deps.units, indicator: deps.indicator, nowMs: deps.nowMs, scope: def.scope });
  const root = def.request.url.replace(/\/+$/, '');
  const post = async (endpoint: string, body: Record<string, unknown>): Promise<unknown> =>
    jsonOf(await deps.fetch({ url: `${root}/evaluation/${endpoint}`, method: 'POST', body, headers: def.request.headers, timeoutMs: def.request.timeoutMs, auth: def.auth }));
  const period = portalPeriod(def.timeType, deps.nowMs);
  const pageSize = deps.pageSize ?? 100;

  /** Every page of one province's answer: until a short page, or one that brings no row not seen (a portal that ignores paging). */
  const allPages = async (endpoint: string, body: Record<string, unknown>, read: (answer: unknown) => DvcqgPage, province: string): Promise<DvcqgPage> => {
    const seen = new Set<string>();
    const all: DvcqgPage = { head: null, rows: [] };
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { head, rows } = read(await post(endpoint, { ...body, currentPage: page, pageSize }));
      all.head ??= head;
      const fresh = rows.filter((r) => {
        const id = rowId(r);
        if (id === undefined) return true;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
      all.rows.push(...fresh);
      if (rows.length < pageSize || fresh.length === 0) return all;
    }
    throw new PullError('too_large', `${endpoint} of ${province}: more than ${MAX_PAGES} pages of ${pageSize} rows`, false, null, [], out.recordsRead);
  };

  try {
    const ranking = await post('service-results', { ...period, departmentType: PROVINCES });
    if (def.endpoints.includes('service-results')) {
      mapServiceResults(ranking, 'province', out);
      if (def.ministryDepartmentType) mapServiceResults(await post('service-results', { ...period, departmentType: def.ministryDepartmentType }), 'ministry', out);
    }
    const perProvince = def.endpoints.filter((e) => e !== 'service-results');
    if (perProvince.length === 0) return out.result();
    for (const { code, departmentId } of treeProvinces(ranking, def, deps.units, out)) {
      for (const endpoint of perProvince) {
        if (endpoint === 'dvc-progress-tree') {
          const body = { ...period, rootDepartmentId: departmentId };
          mapProgressTree(await allPages(endpoint, body, (a) => readTreePage(a, endpoint), code), code, out);
        } else {
          const formA = endpoint as FormAEndpoint;
          const when = formA === 'handling-satisfaction' ? dateRange(def.timeType, deps.nowMs) : period;
          mapFormA(formA, await allPages(formA, { ...when, rootDepartmentId: departmentId }, (a) => readFormAPage(a, formA), code), code, out);
        }
      }
    }
  } catch (err) {
    if (err instanceof DvcqgShapeError) throw new PullError(err.code, err.message, false, null, [], out.recordsRead);
    throw err;
  }
  return out.result();
}

/**
 * The provinces whose trees are read: those of the ranking in the connector's scope and in `treeProvinces` (when set),
 * by official code, each with the portal's `departmentId` (its `rootDepartmentId`). A province named in
 * `treeProvinces` that the ranking does not list is counted as skipped.
 */
function treeProvinces(ranking: unknown, def: DvcqgConnector, units: UnitResolver, out: DvcqgRecords): { code: string; departmentId: string }[] {
  const found = rankingDepartments(ranking, units);
  const wanted = def.treeProvinces ?? [...found.keys()];
  for (const code of wanted) if (!found.has(code)) out.skip(`treeProvinces the portal’s ranking does not list (${code})`);
  return wanted
    .filter((code) => found.has(code) && out.inScope(code))
    .sort()
    .map((code) => ({ code, departmentId: found.get(code)! }));
}
