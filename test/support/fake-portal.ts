import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A stand-in for the national public service portal's reporting API (dichvucong.gov.vn/api/v1/reporting), a real
 * HTTP server on 127.0.0.1, answering `POST …/evaluation/<endpoint>` from fixtures/dvcqg/ by the request body, and
 * misbehaving on demand the ways the real one does (a WAF page, rate limits, an HTML page, errors, slowness, broken
 * or renamed JSON). It records every request it got, for assertions.
 */

const dir = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'dvcqg');
type Json = Record<string, unknown>;
const fixture = (name: string): Json => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Json;

export type PortalMode =
  | { kind: 'ok' }
  /** The firewall's rejection page (fixtures/dvcqg/waf-403.html) with 403, or as a rate limit with 429. */
  | { kind: 'waf'; status: 403 | 429 }
  /** An HTML page answered with 200, as a login or maintenance page is. */
  | { kind: 'html' }
  | { kind: 'error'; status: number }
  /** The ordinary answer, after `ms`. */
  | { kind: 'delay'; ms: number }
  /** JSON cut off half-way. */
  | { kind: 'malformed' }
  /** The ordinary answer with every key `from` renamed `to` (e.g. groupScores → groups). */
  | { kind: 'rename'; from: string; to: string }
  /** Every row on every page, whatever currentPage and pageSize ask (the public capture got 163 children for pageSize 100). */
  | { kind: 'unpaged' };

/** A mode, for every endpoint or only for one (`dvc-progress-tree`, …). */
export type PortalSetting = PortalMode & { endpoint?: string };

export interface PortalRequest {
  endpoint: string;
  body: Json;
}

export interface FakePortalOptions {
  /** The `departmentType` that answers the ministries' ranking ('MINISTRY' by default; the real value was not captured). */
  ministryDepartmentType?: string;
  mode?: PortalSetting;
}

export interface FakePortal {
  /** The reporting API's root, as a connector's `request.url` names it. */
  url: string;
  requests: PortalRequest[];
  set(mode: PortalSetting): void;
  close(): Promise<void>;
}

const ROOT = '/api/v1/reporting';
const LOGIN_PAGE = '<!DOCTYPE html><html lang="vi"><head><title>Cổng Dịch vụ công quốc gia</title></head><body>Hệ thống đang bảo trì</body></html>';

function renamed(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) return value.map((v) => renamed(v, from, to));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k === from ? to : k, renamed(v, from, to)]));
}

/** The portal's answers, from the fixtures: a province without a fixture has a tree with no children. */
function answerer(ministryType: string): (endpoint: string, body: Json, paged: boolean) => { status: number; json: Json } {
  const provinces = fixture('service-results.month.json');
  const ministries = fixture('service-results.ministries.month.json');
  const trees: Record<string, Json> = { 'dvc-progress-tree': fixture('dvc-progress-tree.H44.month.json') };
  const formA: Record<string, Json> = { 'dossier-digitized': fixture('dossier-digitized.H44.month.json') };
  const ranked = (provinces.data as { evaluation: Json[] }).evaluation;
  const ok = (data: Json) => ({ status: 201, json: { code: 'OK', data } });
  const page = (rows: Json[], body: Json, paged: boolean) => {
    if (!paged) return rows;
    const size = Number(body.pageSize ?? 100);
    const from = (Number(body.currentPage ?? 1) - 1) * size;
    return rows.slice(from, from + size);
  };

  return (endpoint, body, paged) => {
    if (endpoint === 'service-results') {
      if (body.departmentType === 'ADMINISTRATIVE_UNIT') return { status: 201, json: provinces };
      if (body.departmentType === ministryType) return { status: 201, json: ministries };
      return ok({ overview: null, evaluation: [] });
    }
    const province = ranked.find((p) => p.departmentId === body.rootDepartmentId);
    if (!province) return { status: 404, json: { code: 'NOT_FOUND', message: `no department ${String(body.rootDepartmentId)}` } };
    const head = { departmentId: province.departmentId, departmentName: province.departmentName, departmentCode: province.departmentCode };
    if (endpoint === 'dvc-progress-tree' || endpoint === 'provide-online-tree' || endpoint === 'formality-online-payment-tree') {
      const known = trees[endpoint]?.data as { parent: Json; children: Json[] } | undefined;
      const data = known && known.parent.departmentId === province.departmentId ? known : { parent: head, children: [] };
      return { status: 201, json: { code: 'OK', data: { ...data, children: page(data.children, body, paged) }, message: 'OK' } };
    }
    if (endpoint === 'transparency' || endpoint === 'handling-satisfaction' || endpoint === 'dossier-digitized') {
      const known = formA[endpoint]?.data as { overview: Json; evaluation: Json[] } | undefined;
      const data = known && known.overview.departmentId === province.departmentId ? known : { overview: { ...head, departmentLevel: 'PROVINCE', metrics: [] }, evaluation: [] };
      return ok({ ...data, evaluation: page(data.evaluation, body, paged) });
    }
    return { status: 404, json: { code: 'NOT_FOUND', message: `no endpoint ${endpoint}` } };
  };
}

export async function startFakePortal(opts: FakePortalOptions = {}): Promise<FakePortal> {
  const answer = answerer(opts.ministryDepartmentType ?? 'MINISTRY');
  const waf = readFileSync(path.join(dir, 'waf-403.html'));
  const requests: PortalRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let setting: PortalSetting = opts.mode ?? { kind: 'ok' };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, type: string, body: string | Buffer) => {
        if (!res.destroyed) res.writeHead(status, { 'content-type': type }).end(body);
      };
      const m = new RegExp(`^${ROOT}/evaluation/([a-z-]+)$`).exec(req.url ?? '');
      if (req.method !== 'POST' || !m) return send(404, 'application/json', JSON.stringify({ code: 'NOT_FOUND' }));
      let body: Json;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Json;
      } catch {
        return send(400, 'application/json', JSON.stringify({ code: 'BAD_REQUEST' }));
      }
      const endpoint = m[1]!;
      requests.push({ endpoint, body });
      const mode: PortalMode = setting.endpoint === undefined || setting.endpoint === endpoint ? setting : { kind: 'ok' };
      const { status, json } = answer(endpoint, body, mode.kind !== 'unpaged');
      switch (mode.kind) {
        case 'waf':
          return send(mode.status, 'text/html; charset=utf-8', waf);
        case 'html':
          return send(200, 'text/html; charset=utf-8', LOGIN_PAGE);
        case 'error':
          return send(mode.status, 'application/json', JSON.stringify({ code: 'INTERNAL_ERROR', message: 'Lỗi hệ thống' }));
        case 'malformed':
          return send(status, 'application/json; charset=utf-8', JSON.stringify(json).slice(0, 40));
        case 'rename':
          return send(status, 'application/json; charset=utf-8', JSON.stringify(renamed(json, mode.from, mode.to)));
        case 'delay': {
          const t = setTimeout(() => {
            timers.delete(t);
            send(status, 'application/json; charset=utf-8', JSON.stringify(json));
          }, mode.ms);
          return void timers.add(t);
        }
        case 'ok':
        case 'unpaged':
          return send(status, 'application/json; charset=utf-8', JSON.stringify(json));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${ROOT}`,
    requests,
    set(mode) {
      setting = mode;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
