import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewSnapshot } from '../../core/contract/metrics';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { readAudit } from '../../store/audit.repo';
import { getSource } from '../../store/sources.repo';
import { eventually, postBatch } from '../support/ingest-client';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/**
 * Sources edited and deleted by admins (docs/api.md "Sources"): each field of a PATCH, its 4xx codes, the delete
 * that revokes the token and keeps the figures, the 409 of two authorities for one (indicator, unit) and the winner
 * rule at ingest — through a real server and real workers.
 */
const domain = loadDomain();
const IND = 'dossier_received_count';
let stack: Stack;
let admin: Session;
let admin48: Session;

beforeAll(async () => {
  stack = await startStack();
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  expect((await admin.call('POST', '/api/v1/users', { username: 'sadmin48', displayName: 'a48', role: 'admin', scope: '48', password: 'sadmin48-password-1' })).status).toBe(201);
  admin48 = await signIn(stack.url, 'sadmin48', 'sadmin48-password-1');
});
afterAll(async () => stack?.stop());

const communes = (p: string) => domain.registry.children(p, 'commune');
const item = (unit: string, value: number, indicator = IND) => ({ indicator, unit, period: currentPeriod('day', Date.now()), value, observedAt: new Date().toISOString() });
let batchNo = 0;
const push = (token: string, ...items: ReturnType<typeof item>[]) => postBatch(stack.url, token, { batchId: `b${++batchNo}`, observations: items });
const create = async (s: Session, body: Record<string, unknown>) => {
  const r = await s.call('POST', '/api/v1/sources', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { source: { id: string }; token: string };
};
const auditOf = async (target: string, action: string) => (await readAudit(stack.redis, stack.keys, 500)).filter((e) => e.target === target && e.action === action);

describe('PATCH /api/v1/sources/:id', () => {
  it('changes the name, the units, the indicators and the deadline, each audited with before and after', async () => {
    const { source, token } = await create(admin, { name: 'Sở TT&TT Huế', units: ['46'], indicators: [IND], deadline: '17:00' });
    const id = source.id;
    let r = await admin.call('PATCH', `/api/v1/sources/${id}`, { name: 'Sở KH&CN Huế' });
    expect(r.status).toBe(200);
    expect(r.body.source).toMatchObject({ id, name: 'Sở KH&CN Huế', units: ['46'], indicators: [IND], deadline: '17:00' });
    r = await admin.call('PATCH', `/api/v1/sources/${id}`, { deadline: '08:30' });
    expect(r.body.source.deadline).toBe('08:30');
    r = await admin.call('PATCH', `/api/v1/sources/${id}`, { deadline: null });
    expect(r.body.source.deadline).toBeUndefined();
    r = await admin.call('PATCH', `/api/v1/sources/${id}`, { indicators: [IND, 'dossier_on_time_rate'] });
    expect(r.body.source.indicators).toEqual([IND, 'dossier_on_time_rate']);
    // the scope is what the token may report: a commune of 46 is refused once the source is moved to 51
    expect((await push(token, item(communes('46')[0]!.code, 1))).body.accepted).toBe(1);
    r = await admin.call('PATCH', `/api/v1/sources/${id}`, { units: ['51'] });
    expect(r.body.source.units).toEqual(['51']);
    const moved = await push(token, item(communes('46')[0]!.code, 1), item(communes('51')[0]!.code, 1));
    expect(moved.body.rejected.map((x) => x.code)).toEqual(['unit_out_of_scope']);
    expect(moved.body.accepted).toBe(1);
    expect(await getSource(stack.redis, stack.keys, id)).toMatchObject({ name: 'Sở KH&CN Huế', units: ['51'], indicators: [IND, 'dossier_on_time_rate'] });
    const entries = await auditOf(id, 'source.update');
    expect(entries).toHaveLength(5);
    expect(entries.at(-1)).toMatchObject({ actor: 'admin', detail: { before: { name: 'Sở TT&TT Huế' }, after: { name: 'Sở KH&CN Huế' } } });
  });

  it('answers each bad field with a 4xx and its code, and changes nothing', async () => {
    const { source } = await create(admin, { name: 'Nguồn kiểm tra', units: ['44'], indicators: '*' });
    const cases: [unknown, number, string][] = [
      [{ name: '' }, 400, 'bad_name'],
      [{ name: 'x'.repeat(101) }, 400, 'bad_name'],
      [{ units: [] }, 400, 'bad_units'],
      [{ units: ['99999'] }, 400, 'unknown_unit'],
      [{ indicators: [] }, 400, 'bad_indicators'],
      [{ indicators: ['no_such_indicator'] }, 400, 'unknown_indicator'],
      [{ deadline: '25:00' }, 400, 'bad_deadline'],
      [{ authority: 'maybe' }, 400, 'bad_authority'],
      [{ token: 'x' }, 400, 'unknown_field'],
      [{}, 400, 'bad_request'],
      [[1], 400, 'bad_request'],
      [{ name: 'Sở KH&CN Huế' }, 409, 'conflict'],
    ];
    for (const [body, status, code] of cases) {
      const r = await admin.call('PATCH', `/api/v1/sources/${source.id}`, body);
      expect({ body, status: r.status, code: r.body.error?.code }).toEqual({ body, status, code });
    }
    const bad = await fetch(`${stack.url}/api/v1/sources/${source.id}`, { method: 'PATCH', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' }, body: '{"name":' });
    expect(bad.status).toBe(400);
    expect(await getSource(stack.redis, stack.keys, source.id)).toMatchObject({ name: 'Nguồn kiểm tra', units: ['44'], indicators: '*' });
    expect((await admin.call('PATCH', '/api/v1/sources/no-such-source', { name: 'x' })).status).toBe(404);
    const { saveTokenlessSource } = await import('../../store/sources.repo');
    await saveTokenlessSource(stack.redis, stack.keys, { id: 'conn-44', name: 'conn 44', units: ['44'], indicators: [IND], createdAt: Date.now(), kind: 'connector' });
    expect((await admin.call('PATCH', '/api/v1/sources/conn-44', { name: 'x' })).body.error.code).toBe('managed_elsewhere');
    expect((await admin.call('DELETE', '/api/v1/sources/conn-44')).status).toBe(409);
  });

  it("keeps to the admin's scope: an admin of 48 cannot edit a source of 01 nor move one of 48 out", async () => {
    const { source: s01 } = await create(admin, { name: 'Nguồn Hà Nội', units: ['01'], indicators: [IND] });
    const { source: s48 } = await create(admin48, { name: 'Nguồn Đà Nẵng', units: ['48'], indicators: [IND] });
    expect((await admin48.call('PATCH', `/api/v1/sources/${s01.id}`, { name: 'mine' })).status).toBe(403);
    expect((await admin48.call('DELETE', `/api/v1/sources/${s01.id}`)).status).toBe(403);
    expect((await admin48.call('PATCH', `/api/v1/sources/${s48.id}`, { units: ['01'] })).status).toBe(403);
    expect((await admin48.call('PATCH', `/api/v1/sources/${s48.id}`, { deadline: '09:00' }, { csrf: false })).status).toBe(403);
    expect((await admin48.call('PATCH', `/api/v1/sources/${s48.id}`, { deadline: '09:00' })).status).toBe(200);
    const viewer = await fetch(`${stack.url}/api/v1/sources/${s48.id}`, { method: 'DELETE' });
    expect(viewer.status).toBe(401);
  });
});

describe('DELETE /api/v1/sources/:id', () => {
  it('revokes the token (pushes get 401 token_revoked), keeps the stored figures, and is audited', async () => {
    const unit = communes('42')[0]!.code;
    const { source, token } = await create(admin, { name: 'Sở TT&TT Hà Tĩnh', units: ['42'], indicators: [IND] });
    expect((await push(token, item(unit, 37))).status).toBe(202);
    const valueIn = async () => {
      const v = (await admin.call('GET', `/api/v1/views?scope=42&indicators=${IND}`)).body as ViewSnapshot;
      return v.values.find((x) => x.unit === unit && x.value === 37);
    };
    // the first batch applied waits for the workers to be up: on a busy machine that takes a while
    await eventually(valueIn, 90_000);
    const r = await admin.call('DELETE', `/api/v1/sources/${source.id}`);
    expect(r.status).toBe(200);
    const after = await push(token, item(unit, 38));
    expect(after.status).toBe(401);
    expect(after.body.error?.code).toBe('token_revoked');
    expect(await getSource(stack.redis, stack.keys, source.id)).toBeUndefined();
    expect((await admin.call('GET', '/api/v1/sources')).body.sources.some((s: { id: string }) => s.id === source.id)).toBe(false);
    expect(await valueIn()).toMatchObject({ value: 37, source: source.id });
    expect(await auditOf(source.id, 'source.delete')).toMatchObject([{ actor: 'admin', detail: { before: { name: 'Sở TT&TT Hà Tĩnh' } } }]);
    expect((await admin.call('DELETE', `/api/v1/sources/${source.id}`)).status).toBe(404);
  }, 150_000);
});

describe('one authority per (indicator, unit)', () => {
  it('a save whose scope overlaps another source answers 409 authority_conflict naming it and the overlap', async () => {
    const { source: a } = await create(admin, { name: 'Bộ Y tế — Quảng Ninh', units: ['22'], indicators: [IND, 'dossier_on_time_rate'] });
    const r = await admin.call('POST', '/api/v1/sources', { name: 'Sở Y tế Quảng Ninh', units: [communes('22')[0]!.code], indicators: [IND] });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('authority_conflict');
    expect(r.body.conflicts).toEqual([{ source: a.id, name: 'Bộ Y tế — Quảng Ninh', overlap: { indicators: [IND], units: [communes('22')[0]!.code] } }]);
    expect(await getSource(stack.redis, stack.keys, 'so-y-te-quang-ninh')).toBeUndefined();
    // an edit into the overlap is refused the same way; one outside it is not
    const { source: b } = await create(admin, { name: 'Sở Y tế Quảng Ninh', units: ['22'], indicators: ['dossier_on_time_rate'], authority: 'wins' });
    expect((await admin.call('PATCH', `/api/v1/sources/${b.id}`, { units: ['24'] })).status).toBe(200);
    const into = await admin.call('PATCH', `/api/v1/sources/${b.id}`, { units: ['22', '24'], indicators: ['dossier_on_time_rate'] });
    // b and a were decided when b was created (it won), so moving back into the overlap needs no new decision
    expect(into.status).toBe(200);
    const { source: c } = await create(admin, { name: 'Nguồn thứ ba', units: ['24'], indicators: ['dossier_on_time_rate'], authority: 'yields' });
    const edit = await admin.call('PATCH', `/api/v1/sources/${c.id}`, { units: ['22', '24'] });
    expect(edit.status).toBe(409);
    expect(edit.body.conflicts.map((x: { source: string }) => x.source)).toEqual([a.id]);
  });

  it('the source that does not win is refused per item with not_authority for the overlap only', async () => {
    const [u1, u2] = communes('25');
    const { source: ministry, token: ministryToken } = await create(admin, { name: 'Bộ TT&TT — Phú Thọ', units: ['25'], indicators: [IND] });
    // the province's own system wins for one commune
    const { source: province, token: provinceToken } = await create(admin, { name: 'Sở TT&TT Phú Thọ', units: [u1!.code], indicators: '*', authority: 'wins' });
    expect(await getSource(stack.redis, stack.keys, ministry.id)).toMatchObject({ yieldsTo: [province.id] });
    const r = await push(ministryToken, item(u1!.code, 5), item(u2!.code, 6));
    expect(r.status).toBe(202);
    expect(r.body.accepted).toBe(1);
    expect(r.body.rejected).toEqual([{ index: 0, code: 'not_authority', reason: expect.stringContaining(province.id) }]);
    expect((await push(provinceToken, item(u1!.code, 7))).body.accepted).toBe(1);
    // the other way round: the ministry is made the authority again
    expect((await admin.call('PATCH', `/api/v1/sources/${ministry.id}`, { authority: 'wins' })).status).toBe(200);
    expect((await push(ministryToken, item(u1!.code, 8))).body.accepted).toBe(1);
    const lost = await push(provinceToken, item(u1!.code, 9));
    expect(lost.body.rejected.map((x) => x.code)).toEqual(['not_authority']);
    // a rotated token keeps the decision; a deleted winner frees the loser
    const rotated = await admin.call('POST', `/api/v1/sources/${province.id}/rotate`);
    expect((await push(rotated.body.token, item(u1!.code, 9))).body.rejected.map((x) => x.code)).toEqual(['not_authority']);
    expect((await admin.call('DELETE', `/api/v1/sources/${ministry.id}`)).status).toBe(200);
    expect((await push(rotated.body.token, item(u1!.code, 10))).body.accepted).toBe(1);
    expect((await getSource(stack.redis, stack.keys, province.id))?.yieldsTo).toBeUndefined();
    expect(await auditOf(ministry.id, 'source.update')).toMatchObject([{ detail: { authority: 'wins', over: [province.id] } }]);
  });

  it('old stored sources that overlap with no decision keep working', async () => {
    const { createSource } = await import('../../store/sources.repo');
    const unit = communes('52')[0]!.code;
    const one = await createSource(stack.redis, stack.keys, { name: 'cũ một', units: ['52'], indicators: [IND] });
    const two = await createSource(stack.redis, stack.keys, { name: 'cũ hai', units: ['52'], indicators: [IND] });
    expect((await push(one.token, item(unit, 1))).body.accepted).toBe(1);
    expect((await push(two.token, item(unit, 2))).body.accepted).toBe(1);
    // a new name or deadline leaves the scope as it was: no decision asked; a scope change asks for one
    expect((await admin.call('PATCH', `/api/v1/sources/${one.source.id}`, { name: 'cũ một (đổi tên)', units: ['52'], indicators: [IND], deadline: '10:00' })).status).toBe(200);
    const moved = await admin.call('PATCH', `/api/v1/sources/${one.source.id}`, { indicators: [IND, 'dossier_on_time_rate'] });
    expect(moved.status).toBe(409);
    expect(moved.body.conflicts.map((c: { source: string }) => c.source)).toEqual([two.source.id]);
  });
});
