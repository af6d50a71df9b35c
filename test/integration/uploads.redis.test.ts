import { randomBytes } from 'node:crypto';
import { zipOf } from '../support/zip-of';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadPreview, UploadReceipt } from '../../core/contract/uploads';
import type { MetricValue } from '../../core/contract/metrics';
import { parseCsv, toCsv } from '../../core/format/csv';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { readXlsx, writeXlsx } from '../../platform/tabular';
import { getSource } from '../../store/sources.repo';
import { eventually } from '../support/ingest-client';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/**
 * Staff uploads against a real server and workers: the template of a province operator, a preview with an accepted
 * and rejected rows (nothing written), the commit as one batch under the upload's own source (figures rolled up to
 * the province, an audit entry), and every way a file or a caller can be refused — never a 5xx for any bytes.
 */
const { registry } = loadDomain();
const P = '48';
const COMMUNES = registry.children(P, 'commune');
const [A, B, C] = COMMUNES.map((u) => u.code) as [string, string, string];
const OUTSIDE = registry.children('01', 'commune')[0]!.code;
const RATE = 'dossier_on_time_rate';
const COUNT = 'dossier_received_count';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let stack: Stack;
let admin: Session;
let op: Session;
let viewer: Session;
let today: string;

async function upload(who: Session, body: Buffer | string, type: string | null, name = 'so-lieu.csv'): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { cookie: who.cookie, 'x-csrf-token': who.csrf };
  if (type) headers['content-type'] = type;
  const res = await fetch(`${stack.url}/api/v1/uploads?name=${encodeURIComponent(name)}`, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function download(who: Session, query: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const res = await fetch(`${stack.url}/api/v1/uploads/template?${query}`, { headers: { cookie: who.cookie } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function view(scope: string): Promise<MetricValue[]> {
  return ((await admin.call('GET', `/api/v1/views?scope=${scope}&indicators=${RATE},${COUNT}`)).body as { values: MetricValue[] }).values;
}


beforeAll(async () => {
  stack = await startStack();
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  for (const [username, role] of [['op48', 'operator'], ['viewer48', 'viewer']] as const) {
    const made = await admin.call('POST', '/api/v1/users', { username, displayName: username, role, scope: P, password: `${username}-long-password` });
    expect(made.status).toBe(201);
  }
  op = await signIn(stack.url, 'op48', 'op48-long-password');
  viewer = await signIn(stack.url, 'viewer48', 'viewer48-long-password');
  today = currentPeriod('day', Date.now());
});
afterAll(async () => {
  await stack?.stop();
});

describe('the template', () => {
  it('a province operator gets its communes, the period of today, a column per figure (CSV)', async () => {
    const res = await download(op, `indicators=${RATE},${COUNT}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="?mau-so-lieu-${P}-${today}\\.csv"?$`));
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parseCsv(res.bytes.toString('utf8'));
    expect(rows[0]).toEqual([
      'Mã đơn vị',
      'Tên đơn vị',
      'Kỳ',
      'Tỷ lệ hồ sơ giải quyết trước/đúng hạn (gồm đang xử lý trong hạn) — tử số [dossier_on_time_rate.num]',
      'Tỷ lệ hồ sơ giải quyết trước/đúng hạn (gồm đang xử lý trong hạn) — mẫu số [dossier_on_time_rate.den]',
      'Số hồ sơ TTHC tiếp nhận [dossier_received_count]',
    ]);
    const body = rows.slice(1);
    expect(body.map((r) => r[0]).sort()).toEqual(COMMUNES.map((u) => u.code).sort());
    for (const r of body) {
      expect(r[1]).toBe(registry.get(r[0]!)!.fullName.vi);
      expect(r.slice(2)).toEqual([today, '', '', '']);
    }
  });

  it('XLSX: the same rows, codes as text with their zeros, and a "Hướng dẫn" sheet', async () => {
    const res = await download(op, `indicators=${RATE}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="?mau-so-lieu-${P}-${today}\\.xlsx"?$`));
    const sheet = await readXlsx(res.bytes);
    expect(sheet.headers).toHaveLength(5);
    expect(sheet.rows.map((r) => r.record['Mã đơn vị'])).toEqual(COMMUNES.map((u) => u.code).sort());
    const guide = await readXlsx(res.bytes, { sheet: 'Hướng dẫn' });
    expect(guide.rows.map((r) => r.record['Cột'])).toContain(sheet.headers[3]);
    // Hà Nội's Ba Đình keeps its zeros in a national template
    const national = await download(admin, `indicators=${COUNT}&format=xlsx&scope=01`);
    const codes = (await readXlsx(national.bytes)).rows.map((r) => r.record['Mã đơn vị']);
    expect(codes).toContain('00004');
    expect(codes).toHaveLength(registry.children('01', 'commune').length);
  });

  it('refuses indicators of different period kinds, another scope, an unknown indicator, a viewer', async () => {
    const mixed = await op.call('GET', `/api/v1/uploads/template?indicators=${RATE},criminal_cases`);
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.code).toBe('mixed_periods');
    expect((await op.call('GET', `/api/v1/uploads/template?indicators=${RATE}&scope=01`)).status).toBe(403);
    expect((await op.call('GET', '/api/v1/uploads/template?indicators=no_such')).body.error.code).toBe('unknown_indicator');
    expect((await op.call('GET', `/api/v1/uploads/template?indicators=${RATE}&format=pdf`)).status).toBe(400);
    expect((await viewer.call('GET', `/api/v1/uploads/template?indicators=${RATE}`)).status).toBe(403);
  });
});

describe('preview and commit', () => {
  let headers: string[];
  beforeAll(async () => {
    headers = parseCsv((await download(op, `indicators=${RATE},${COUNT}&format=csv`)).bytes.toString('utf8'))[0]!;
  });
  const line = (code: string, num: string, den: string, count: string) => [code, '', today, num, den, count];

  it('previews every row accepted or rejected with its reason, writes nothing, then commits the accepted ones as one batch', async () => {
    const csv = toCsv([
      headers,
      line(A, '8', '10', '1.234'),
      line(B, '9', '10', 'nhiều'),
      line('99999', '1', '2', '3'),
      line(OUTSIDE, '1', '2', '3'),
      line(C, '', '', ''),
    ]);
    const res = await upload(op, csv, 'text/csv', 'Số liệu tháng 12.csv');
    expect(res.status).toBe(200);
    const preview = res.body as UploadPreview;
    expect(preview).toMatchObject({ fileName: 'Số liệu tháng 12.csv', format: 'csv', scope: P, accepted: 1, rejected: 3, skipped: 1, figures: 2 });
    expect(preview.indicators).toEqual([RATE, COUNT]);
    expect(preview.rows.map((r) => [r.row, r.unit, r.status, r.figures, r.reasons.map((x) => x.code)])).toEqual([
      [2, A, 'accepted', 2, []],
      [3, B, 'rejected', 0, ['bad_number']],
      [4, '99999', 'rejected', 0, ['unmapped_unit']],
      [5, OUTSIDE, 'rejected', 0, ['unit_out_of_scope', 'unit_out_of_scope']],
    ]);
    expect(preview.rows[0]!.unitName).toBe(registry.get(A)!.fullName.vi);
    expect(preview.rows[0]!.period).toBe(today);
    expect(preview.rows[3]!.reasons.map((r) => r.indicator)).toEqual([RATE, COUNT]);
    expect(preview.expiresAt - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(preview.warnings).toEqual([]);

    // a preview writes nothing: no figure, no source, no feed status
    await new Promise((r) => setTimeout(r, 300));
    expect((await view(P)).filter((v) => v.unit === A)).toEqual([]);
    expect(await getSource(stack.redis, stack.keys, `upload-${preview.id}`)).toBeUndefined();
    expect(await stack.redis.exists(stack.keys.feed(`upload-${preview.id}`))).toBe(0);

    // someone else cannot commit it
    expect((await admin.call('POST', `/api/v1/uploads/${preview.id}/commit`)).status).toBe(403);
    const commit = await op.call('POST', `/api/v1/uploads/${preview.id}/commit`);
    expect(commit.status).toBe(200);
    const receipt = commit.body as UploadReceipt;
    expect(receipt).toMatchObject({ id: preview.id, source: `upload-${preview.id}`, batchId: `upload-${preview.id}`, accepted: 2, rejected: [], status: 'queued', rows: { accepted: 1, rejected: 3 }, refusedAtCommit: [] });
    expect(await getSource(stack.redis, stack.keys, receipt.source)).toMatchObject({ kind: 'upload', units: [P], name: 'Tải lên: Số liệu tháng 12.csv (op48)' });

    // the figures reach the commune and roll up to the province; nothing of the rejected rows is there
    const values = await eventually(async () => {
      const v = await view(P);
      return v.some((x) => x.unit === P && x.indicator === COUNT) ? v : undefined;
    }, 15_000);
    expect(values.find((v) => v.unit === A && v.indicator === RATE)).toMatchObject({ num: 8, den: 10, value: 80, source: receipt.source });
    expect(values.find((v) => v.unit === A && v.indicator === COUNT)).toMatchObject({ value: 1234 });
    expect(values.find((v) => v.unit === P && v.indicator === RATE)).toMatchObject({ value: 80, reporting: 1, source: 'rollup' });
    expect(values.find((v) => v.unit === P && v.indicator === COUNT)).toMatchObject({ value: 1234 });
    expect(values.filter((v) => v.unit === B || v.unit === C)).toEqual([]);
    expect((await view('01')).filter((v) => v.unit === OUTSIDE)).toEqual([]);

    // audited, with the file name and the rows counted
    const log = (await admin.call('GET', '/api/v1/audit')).body.entries as { action: string; actor: string; target: string; scope: string; detail?: Record<string, unknown> }[];
    expect(log.find((e) => e.action === 'upload.commit')).toMatchObject({
      actor: 'op48',
      target: receipt.source,
      scope: P,
      detail: { fileName: 'Số liệu tháng 12.csv', rows: { accepted: 1, rejected: 3 }, figures: 2 },
    });
    // one commit only; the upload left out of the feed board
    const again = await op.call('POST', `/api/v1/uploads/${preview.id}/commit`);
    expect([again.status, again.body.error.code]).toEqual([409, 'already_committed']);
    const feeds = (await admin.call('GET', '/api/v1/feeds')).body.feeds as { source: string }[];
    expect(feeds.map((f) => f.source)).not.toContain(receipt.source);
  });

  it('reads an XLSX with number cells; an expired or unknown upload is 404; a file with no accepted row cannot be committed', async () => {
    const xlsx = await writeXlsx([{ name: 'Số liệu', rows: [headers, [B, 'x', today, 7, 10, 42]], textColumns: [1] }]);
    const res = await upload(op, xlsx, XLSX, 'mau.xlsx');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ format: 'xlsx', accepted: 1, rejected: 0, figures: 2 });
    await stack.redis.del(stack.keys.upload(res.body.id));
    expect((await op.call('POST', `/api/v1/uploads/${res.body.id}/commit`)).body.error.code).toBe('not_found');
    expect((await op.call('POST', '/api/v1/uploads/0123456789abcdef01234567/commit')).status).toBe(404);
    expect((await op.call('POST', '/api/v1/uploads/..%2F..%2Fusers/commit')).status).toBe(404);

    const none = await upload(op, toCsv([headers, line('99999', '1', '2', '3')]), 'text/csv');
    expect(none.body).toMatchObject({ accepted: 0, rejected: 1 });
    expect((await op.call('POST', `/api/v1/uploads/${none.body.id}/commit`)).body.error.code).toBe('nothing_to_commit');
    expect((await view(P)).filter((v) => v.unit === B)).toEqual([]);
  });

  it('a sheet in the Vietnamese way: ";" between fields and the decimal comma', async () => {
    const res = await upload(op, toCsv([headers.slice(0, 3).concat('Thời gian TB — giá trị [avg_processing_days.value]', 'trọng số [avg_processing_days.weight]', 'Ghi chú'), [C, '', today, '2,5', '40', 'đã rà soát']]), 'text/csv');
    expect(res.status).toBe(200);
    expect(res.body.warnings).toEqual([expect.stringContaining('"Ghi chú" is ignored')]);
    expect(res.body.rows[0]).toMatchObject({ status: 'accepted', figures: 1 });
    const commit = await op.call('POST', `/api/v1/uploads/${res.body.id}/commit`);
    expect(commit.body.accepted).toBe(1);
    const mine = await eventually(async () => {
      const v = ((await admin.call('GET', `/api/v1/views?scope=${P}&indicators=avg_processing_days`)).body as { values: MetricValue[] }).values;
      return v.find((x) => x.unit === C);
    }, 15_000);
    expect(mine).toMatchObject({ value: 2.5, den: 40 });
  });
});

describe('refused files and callers', () => {
  const headerLine = 'Mã đơn vị;Kỳ;Số hồ sơ [dossier_received_count]\r\n';

  it('413 over 5 MB, 415 for another type, 400 bad_file for broken files — never a 5xx', async () => {
    const big = await upload(op, Buffer.alloc(5 * 1024 * 1024 + 1, 0x41), 'text/csv');
    expect([big.status, big.body.error.code]).toEqual([413, 'too_large']);
    const png = await upload(op, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'image/png', 'anh.png');
    expect([png.status, png.body.error.code]).toEqual([415, 'unsupported_type']);
    const json = await upload(op, '{"a":1}', 'application/json');
    expect([json.status, json.body.error.code]).toEqual([415, 'unsupported_type']);
    const xls = await upload(op, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(512)]), 'application/vnd.ms-excel', 'cu.xls');
    expect([xls.status, xls.body.error.code]).toEqual([415, 'unsupported_type']);

    const broken: [string, Buffer | string, string | null][] = [
      ['empty', '', 'text/csv'],
      ['random bytes after PK', Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(4096)]), null],
      ['random bytes labelled XLSX', randomBytes(4096), XLSX],
      ['a CSV holding NUL', `${headerLine}20194;${'2026-01-01'};1\u0000\r\n`, 'text/csv'],
      ['one huge line', `${headerLine}${'9'.repeat(2 * 1024 * 1024)}\r\n`, 'text/csv'],
      ['no code column', 'a;b\r\n1;2\r\n', 'text/csv'],
      ['no indicator column', 'Mã đơn vị;Ghi chú\r\n20194;x\r\n', 'text/csv'],
      ['an unclosed quote', `${headerLine}"20194;2026-01-01;1\r\n`, 'text/csv'],
      ['a header twice', 'Mã đơn vị;Mã đơn vị\r\n1;2\r\n', 'text/csv'],
      ['a zip cut short', zipOf('xl/workbook.xml', 1000).subarray(0, 60), XLSX],
    ];
    for (const [what, body, type] of broken) {
      const r = await upload(op, body, type);
      expect({ what, status: r.status, code: r.body?.error?.code }).toEqual({ what, status: 400, code: 'bad_file' });
      expect(typeof r.body.error.message).toBe('string');
    }
    // a "zip bomb": 200 MB of zeros packed into a few hundred kB, its size declared as 1,000 bytes
    const bomb = await upload(op, zipOf('xl/worksheets/sheet1.xml', 200 * 1024 * 1024), XLSX, 'bom.xlsx');
    expect([bomb.status, bomb.body.error.code]).toEqual([413, 'too_large']);
    // the server is still there
    expect((await fetch(`${stack.url}/api/v1/health`)).status).toBe(200);
  });

  it('any bytes, labelled anyhow: a preview or a 4xx with its code, never a 5xx (random files, damaged templates)', async () => {
    const xlsx = (await download(op, `indicators=${COUNT}`)).bytes;
    const csv = (await download(op, `indicators=${COUNT}&format=csv`)).bytes;
    /** A real file with a few of its bytes changed: the parsers get past the start and fail (or not) deep inside. */
    const damaged = (file: Buffer) =>
      fc.array(fc.tuple(fc.nat({ max: file.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }).map((flips) => {
        const copy = Buffer.from(file);
        for (const [at, byte] of flips) copy[at] = byte;
        return copy;
      });
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 4096 }).map((a) => Buffer.from(a)),
      fc.uint8Array({ maxLength: 4096 }).map((a) => Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from(a)])),
      damaged(xlsx),
      damaged(csv),
      fc.string({ unit: 'binary', maxLength: 2000 }).map((t) => Buffer.from(`Mã đơn vị;Kỳ;x [${COUNT}]\r\n${t}`)),
    );
    const type = fc.constantFrom(null, 'text/csv', XLSX, 'application/octet-stream', 'text/plain; charset=utf-8', 'application/vnd.ms-excel');
    await fc.assert(
      fc.asyncProperty(bytes, type, async (body, contentType) => {
        const r = await upload(op, body, contentType);
        if (r.status === 200) return Array.isArray(r.body.rows) && typeof r.body.id === 'string';
        return [400, 413, 415].includes(r.status) && typeof r.body?.error?.code === 'string' && typeof r.body.error.message === 'string';
      }),
      { numRuns: 400 },
    );
    expect((await fetch(`${stack.url}/api/v1/health`)).status).toBe(200);
  }, 120_000);

  it('formulas in cells are text: refused as a code or a number, never run, echoed only as JSON', async () => {
    const csv = `${headerLine}=cmd|' /C calc'!A0;2026-01-01;1\r\n20194;2026-01-01;=1+1\r\n@SUM(1+1);2026-01-01;1\r\n`;
    const r = await upload(op, csv, 'text/csv');
    expect(r.status).toBe(200);
    expect(r.body.rows[0].unit).toBe("=cmd|' /C calc'!A0");
    // a quote inside an unquoted field (=HYPERLINK("…")) is not CSV: the whole file is refused, with the parser's reason
    const quoted = await upload(op, `${headerLine}20194;2026-01-01;=HYPERLINK("http://x")\r\n`, 'text/csv');
    expect([quoted.status, quoted.body.error.code]).toEqual([400, 'bad_file']);
    expect(quoted.body.error.message).toMatch(/CSV/);
    expect(r.body.rows.map((x: { status: string }) => x.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(r.body.rows.map((x: { reasons: { code: string }[] }) => x.reasons[0]!.code)).toEqual(['unmapped_unit', 'bad_number', 'unmapped_unit']);
  });

  it('a viewer, a wall screen, nobody, or a change without the CSRF token is refused', async () => {
    const csv = `${headerLine}${B};${today};1\r\n`;
    expect((await upload(viewer, csv, 'text/csv')).status).toBe(403);
    const anonymous = await fetch(`${stack.url}/api/v1/uploads`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    expect(anonymous.status).toBe(401);
    const noCsrf = await fetch(`${stack.url}/api/v1/uploads`, { method: 'POST', headers: { 'content-type': 'text/csv', cookie: op.cookie }, body: csv });
    expect(noCsrf.status).toBe(403);
    const { token } = (await admin.call('POST', '/api/v1/displays', { name: 'Màn hình 48', scope: P, scenes: ['feeds'] })).body as { token: string };
    const wall = await fetch(`${stack.url}/api/v1/uploads/template?indicators=${RATE}`, { headers: { 'x-display-token': token } });
    expect(wall.status).toBe(403);
    expect((await viewer.call('POST', '/api/v1/uploads/0123456789abcdef01234567/commit')).status).toBe(403);
  });
});
