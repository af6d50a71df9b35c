import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dvcqgConnector, type DvcqgConnector } from '../../../core/connectors/definition';
import { validateObservation } from '../../../core/contract/validate-observation';
import { ensureMaps } from '../../../maps/ensure';
import { loadDomain, type Domain } from '../../../platform/domain';
import { startFakePortal, type FakePortal, type PortalSetting } from '../../../test/support/fake-portal';
import { collectDvcqg, MAX_PAGES, type DvcqgDeps } from './dvcqg.pull';
import { PullError, type MappedPull } from './pull-error';
import { fetchRemote, type RemoteFetch } from './remote';

// The real fake: the portal stand-in over loopback HTTP, the real fetch and the real unit resolver from maps/dist.
// 2026-12-06T20:00Z is 03:00 on 7/12/2026 in Viet Nam: the portal is asked for month 12, figures land on 2026-12-07.
const NOW = Date.parse('2026-12-06T20:00:00Z');
const DAY = '2026-12-07';
const PHU_THO_ID = '019d2be3-6a88-732b-8b17-b68020c8553a';

type Json = Record<string, any>;
const fixture = (name: string): Json => JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/dvcqg', name), 'utf8'));
const ranking = fixture('service-results.month.json').data.evaluation as Json[];
const tree = fixture('dvc-progress-tree.H44.month.json').data.children as Json[];

let portal: FakePortal;
let domain: Domain;

beforeAll(async () => {
  await ensureMaps();
  domain = loadDomain();
  portal = await startFakePortal();
}, 300_000);
afterAll(() => portal?.close());
beforeEach(() => {
  portal.set({ kind: 'ok' });
  portal.requests.length = 0;
});

function connector(over: Partial<Record<keyof DvcqgConnector, unknown>> = {}): DvcqgConnector {
  return dvcqgConnector.parse({
    id: 'dvcqg-766',
    name: 'Cổng DVCQG — Bộ chỉ số 766',
    adapter: 'dvcqg-766',
    scope: { units: ['VN'], indicators: '*' },
    schedule: { everyMinutes: 60 },
    request: { url: portal.url, timeoutMs: 1000 },
    ...over,
  });
}

const pull = (def: DvcqgConnector, extra: Partial<DvcqgDeps> = {}): Promise<MappedPull> =>
  collectDvcqg(def, { fetch: fetchRemote, units: domain.units, indicator: domain.indicator, nowMs: NOW, ...extra });

const byUnit = (mapped: MappedPull, indicator: string) =>
  Object.fromEntries(mapped.items.filter((i) => i.indicator === indicator).map((i) => [i.unit, i.value ?? [i.num, i.den]]));
const skipped = (mapped: MappedPull, re: RegExp) => mapped.skipped.filter((s) => re.test(s.reason)).reduce((n, s) => n + s.count, 0);

/** Every item passes the ordinary push validation, as the pull's batch will. */
function expectAllValid(def: DvcqgConnector, mapped: MappedPull): void {
  const seen = new Map<string, number>();
  const ctx = {
    indicator: domain.indicator,
    unit: (c: string) => domain.registry.get(c),
    isWithin: (c: string, s: string) => domain.registry.isWithin(c, s),
    scope: def.scope,
    nowMs: NOW,
  };
  const refused = mapped.items.map((item, i) => validateObservation(item, i, ctx, seen)).filter((r) => !('observation' in r));
  expect(refused).toEqual([]);
}

describe('collectDvcqg against the fake portal', () => {
  it('maps the 34 provinces’ totals and six groups each (minus the null one) to the registry’s provinces, and the VN total', async () => {
    const def = connector({ endpoints: ['service-results'] });
    const mapped = await pull(def);
    expect(mapped.rejections).toEqual([]);
    const totals = byUnit(mapped, 'dvc766_total_score');
    const provinces = domain.registry.all('province').map((u) => u.code).sort();
    expect(provinces).toHaveLength(34);
    expect(Object.keys(totals).filter((c) => c !== 'VN').sort()).toEqual(provinces);
    expect(totals.VN).toBe(73.85);
    expect(totals['25']).toBe(60.08); // Phú Thọ (H44)
    expect(totals['12']).toBe(58.69); // Lai Châu (H35), whose MDHL is null
    const groups = mapped.items.filter((i) => String(i.indicator).startsWith('dvc766_group_score.'));
    expect(groups).toHaveLength(34 * 6 - 1);
    expect(byUnit(mapped, 'dvc766_group_score.mdhl')).not.toHaveProperty('12');
    expect(byUnit(mapped, 'dvc766_group_score.dvctt')['25']).toBe(ranking.find((r) => r.departmentCode === 'H44')!.groupScores.CLGQ);
    expect(skipped(mapped, /null/)).toBe(1);
    // each item's value is the fixture's, through the portal code → official code resolution
    const byCode = Object.fromEntries(ranking.map((r) => [r.departmentCode, r.totalScore]));
    expect(Object.values(totals).filter((v) => v !== 73.85).sort()).toEqual(Object.values(byCode).sort());
    expect(mapped.items.every((i) => i.period === DAY && i.observedAt === NOW)).toBe(true);
    expect(mapped.recordsRead).toBe(35);
    expectAllValid(def, mapped);
    expect(portal.requests).toEqual([{ endpoint: 'service-results', body: { timeType: 'month', year: 2026, month: 12, departmentType: 'ADMINISTRATIVE_UNIT' } }]);
  });

  it('maps the Phú Thọ tree’s communes to their official codes and leaves its agencies out', async () => {
    const def = connector({ endpoints: ['service-results', 'dvc-progress-tree'], treeProvinces: ['25'] });
    const mapped = await pull(def);
    expect(mapped.rejections).toEqual([]);
    const onTime = byUnit(mapped, 'dossier_on_time_rate');
    // the official codes of maps/dist (vn-provinces-db 2026-07-25) for the portal's names
    const expected: Record<string, string> = {
      'H44.100': '07900', 'H44.101': '07894', 'H44.104': '08515', 'H44.105': '08500', 'H44.106': '08494', 'H44.107': '08521',
      'H44.109': '07954', 'H44.110': '07942', 'H44.111': '07948', 'H44.116': '08275', 'H44.117': '08152', 'H44.123': '07969',
      'H44.166': '08824', 'H44.183': '09076', 'H44.189': '09025', 'H44.199': '08707',
    };
    const communes = tree.filter((c) => c.level === 'COMMUNE');
    expect(communes).toHaveLength(16);
    expect(onTime).toEqual(Object.fromEntries(communes.map((c) => [expected[c.departmentCode], [c.totalOnTime, c.totalReceived]])));
    for (const code of Object.keys(onTime)) expect(domain.registry.get(code)).toMatchObject({ level: 'commune', parent: '25' });
    expect(skipped(mapped, /provincial agencies/)).toBe(3);
    expect(skipped(mapped, /without totalCompleted/)).toBe(16);
    expect(mapped.recordsRead).toBe(1 + 34 + 1 + tree.length);
    expect(mapped.itemRecord).toEqual([...mapped.itemRecord].sort((a, b) => a - b));
    expectAllValid(def, mapped);
    expect(portal.requests.map((r) => r.endpoint)).toEqual(['service-results', 'dvc-progress-tree']);
    expect(portal.requests[1]!.body).toEqual({ timeType: 'month', year: 2026, month: 12, rootDepartmentId: PHU_THO_ID, currentPage: 1, pageSize: 100 });
  });

  it('reads every province’s tree by its departmentId from the ranking, and pages until a short page', async () => {
    const def = connector({ endpoints: ['service-results', 'dvc-progress-tree'] });
    const mapped = await pull(def, { pageSize: 5 });
    const trees = portal.requests.filter((r) => r.endpoint === 'dvc-progress-tree');
    // 33 provinces answer an empty tree; Phú Thọ's 19 children come in pages of 5, 5, 5, 4
    expect(trees).toHaveLength(33 + 4);
    expect(new Set(trees.map((r) => r.body.rootDepartmentId))).toEqual(new Set(ranking.map((r) => r.departmentId)));
    expect(trees.filter((r) => r.body.rootDepartmentId === PHU_THO_ID).map((r) => [r.body.currentPage, r.body.pageSize])).toEqual([[1, 5], [2, 5], [3, 5], [4, 5]]);
    expect(Object.keys(byUnit(mapped, 'dossier_on_time_rate'))).toHaveLength(16);
    expect(mapped.recordsRead).toBe(1 + 34 + 34 + tree.length);
    expectAllValid(def, mapped);
  });

  it('stops at a page that brings nothing new when the portal ignores paging', async () => {
    portal.set({ kind: 'unpaged' });
    const mapped = await pull(connector({ endpoints: ['service-results', 'dvc-progress-tree'], treeProvinces: ['25'] }), { pageSize: 5 });
    expect(portal.requests.filter((r) => r.endpoint === 'dvc-progress-tree').map((r) => r.body.currentPage)).toEqual([1, 2]);
    expect(mapped.items.filter((i) => i.indicator === 'dossier_on_time_rate')).toHaveLength(16);
    expect(mapped.recordsRead).toBe(1 + 34 + 1 + tree.length);
  });

  it(`fails rather than land a province with communes missing past ${MAX_PAGES} pages`, async () => {
    // a portal whose tree never ends: every page full of new children
    let n = 0;
    const endless: RemoteFetch = async (req) => {
      if (!req.url.endsWith('/dvc-progress-tree')) return fetchRemote(req);
      const children = Array.from({ length: 5 }, () => ({ departmentId: `c${n++}`, departmentName: 'UBND xã Hy Cương', level: 'COMMUNE', totalReceived: 1, totalOnTime: 1, totalOverdue: 0 }));
      return { status: 201, contentType: 'application/json', body: Buffer.from(JSON.stringify({ code: 'OK', data: { parent: {}, children } })) };
    };
    const err = await pull(connector({ endpoints: ['service-results', 'dvc-progress-tree'], treeProvinces: ['25'] }), { fetch: endless, pageSize: 5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PullError);
    expect(err).toMatchObject({ code: 'too_large', message: expect.stringMatching(/dvc-progress-tree of 25: more than 50 pages/) });
    expect(n).toBe(MAX_PAGES * 5);
  });

  it('maps a Form A answer’s commune metrics, and asks handling-satisfaction by dates', async () => {
    const def = connector({ endpoints: ['service-results', 'dossier-digitized', 'handling-satisfaction'], treeProvinces: ['25'] });
    const mapped = await pull(def);
    expect(byUnit(mapped, 'e_result_rate')).toEqual({ '07900': [2469, 2971], '07894': [1353, 1780], '08494': [1750, 2079], '07942': [492, 565] });
    expect(byUnit(mapped, 'digitized_data_reuse_rate')['08494']).toEqual([42, 2079]);
    expect(mapped.items.filter((i) => i.unit !== 'VN' && i.unit!.toString().length === 5)).toHaveLength(4 * 4);
    expectAllValid(def, mapped);
    const bodies = Object.fromEntries(portal.requests.map((r) => [r.endpoint, r.body]));
    expect(bodies['dossier-digitized']).toEqual({ timeType: 'month', year: 2026, month: 12, rootDepartmentId: PHU_THO_ID, currentPage: 1, pageSize: 100 });
    expect(bodies['handling-satisfaction']).toEqual({ fromDate: '2026-12-01', toDate: '2026-12-31', rootDepartmentId: PHU_THO_ID, currentPage: 1, pageSize: 100 });
  });

  it('reads the ministries’ ranking when the connector names its departmentType', async () => {
    const def = connector({ endpoints: ['service-results'], ministryDepartmentType: 'MINISTRY' });
    const mapped = await pull(def);
    expect(mapped.rejections).toEqual([]);
    const totals = byUnit(mapped, 'dvc766_total_score');
    expect(['BYT', 'BTC', 'BCA', 'BTP', 'NHNN'].every((c) => typeof totals[c] === 'number')).toBe(true);
    expect(portal.requests[1]!.body).toEqual({ timeType: 'month', year: 2026, month: 12, departmentType: 'MINISTRY' });
    expectAllValid(def, mapped);
  });

  it('asks the quarter when the connector’s timeType is quarter', async () => {
    await pull(connector({ endpoints: ['service-results'], timeType: 'quarter' }));
    expect(portal.requests[0]!.body).toEqual({ timeType: 'quarter', year: 2026, quarter: 4, departmentType: 'ADMINISTRATIVE_UNIT' });
  });

  it('leaves out what is outside a province-scoped connector', async () => {
    const def = connector({ scope: { units: ['25'], indicators: '*' }, endpoints: ['service-results', 'dvc-progress-tree'] });
    const mapped = await pull(def);
    expect(new Set(mapped.items.map((i) => (String(i.unit).length === 5 ? 'commune of 25' : i.unit)))).toEqual(new Set(['25', 'commune of 25']));
    expect(portal.requests.filter((r) => r.endpoint === 'dvc-progress-tree')).toHaveLength(1);
    expectAllValid(def, mapped);
  });

  describe('fails the whole pull with a PullError', () => {
    async function failure(mode: PortalSetting, over: Partial<Record<keyof DvcqgConnector, unknown>> = {}): Promise<PullError> {
      portal.set(mode);
      const err = await pull(connector({ endpoints: ['service-results', 'dvc-progress-tree'], treeProvinces: ['25'], ...over })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PullError);
      return err as PullError;
    }

    it('on the firewall page with 403: http_error, not retried', async () => {
      const err = await failure({ kind: 'waf', status: 403 });
      expect(err).toMatchObject({ code: 'http_error', httpStatus: 403, retry: false });
      expect(err.message).toMatch(/firewall rejection page.*Request Rejected/);
    });

    it('on a rate limit (429): http_error, retried', async () => {
      expect(await failure({ kind: 'waf', status: 429 })).toMatchObject({ code: 'http_error', httpStatus: 429, retry: true });
    });

    it('on an HTML page answered with 200: html_page', async () => {
      expect(await failure({ kind: 'html' })).toMatchObject({ code: 'html_page', retry: false });
    });

    it('on a 500: http_error, retried', async () => {
      expect(await failure({ kind: 'error', status: 500 })).toMatchObject({ code: 'http_error', httpStatus: 500, retry: true });
    });

    it('on an answer slower than the timeout: timeout', async () => {
      expect(await failure({ kind: 'delay', ms: 1500 })).toMatchObject({ code: 'timeout', retry: true });
    });

    it('on JSON cut off: malformed', async () => {
      expect(await failure({ kind: 'malformed' })).toMatchObject({ code: 'malformed', retry: false });
    });

    it('on renamed fields: mapping_mismatch, naming them', async () => {
      const err = await failure({ kind: 'rename', from: 'groupScores', to: 'groups' });
      expect(err).toMatchObject({ code: 'mapping_mismatch', retry: false });
      expect(err.message).toMatch(/no row has groupScores.*groups/);
    });

    it('when a later answer fails: the tree’s renamed field fails the pull that read the ranking', async () => {
      const err = await failure({ kind: 'rename', from: 'totalOnTime', to: 'onTime', endpoint: 'dvc-progress-tree' });
      expect(err).toMatchObject({ code: 'mapping_mismatch', recordsRead: 35 });
      expect(portal.requests.map((r) => r.endpoint)).toEqual(['service-results', 'dvc-progress-tree']);
    });
  });
});
