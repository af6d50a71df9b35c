import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { startStack, type Stack } from '../support/stack';
import { eventually, newSource, postBatch } from '../support/ingest-client';

const domain = loadDomain();
let stack: Stack;
let token: string;
let hanoiToken: string;
const now = () => new Date().toISOString();
const today = () => currentPeriod('day', Date.now());
const commune01 = domain.registry.children('01', 'commune')[0]!.code;
const commune48 = domain.registry.children('48', 'commune')[0]!.code;

/** A good item, to mix with the bad one: it must be accepted while the bad one is refused. */
const good = (unit = commune01) => ({ indicator: 'dossier_received_count', unit, period: today(), value: 5, observedAt: now() });

async function rejectsOne(bad: Record<string, unknown>, reason: RegExp, t = token, code?: string) {
  const res = await postBatch(stack.url, t, { batchId: `b-${Math.random().toString(36).slice(2)}`, observations: [good(), bad] });
  expect(res.status).toBe(202);
  expect(res.body.accepted).toBe(1);
  expect(res.body.rejected).toHaveLength(1);
  expect(res.body.rejected[0]!.index).toBe(1);
  expect(res.body.rejected[0]!.reason).toMatch(reason);
  if (code) expect(res.body.rejected[0]!.code).toBe(code);
}

/** Nothing of a rejected item is written: its (indicator, unit) has no value anywhere after the batch is applied. */
async function nothingWritten(indicator: string, unit: string, parent: string) {
  await eventually(async () => ((await stack.redis.hlen(stack.keys.latest('dossier_received_count', '01', today()))) > 0 ? true : undefined));
  const periods = await stack.redis.zrange(stack.keys.periods(indicator), '0', '-1');
  for (const p of periods) expect(await stack.redis.hget(stack.keys.latest(indicator, parent, p), unit)).toBeNull();
}

beforeAll(async () => {
  stack = await startStack();
  token = await newSource(stack.redis, stack.keys, 'validation-all');
  hanoiToken = await newSource(stack.redis, stack.keys, 'validation-hanoi', ['01'], ['dossier_received_count', 'dossier_on_time_rate']);
});
afterAll(async () => stack?.stop());

describe('ingest: the envelope', () => {
  it('401 without a token, and with an unknown one', async () => {
    expect((await postBatch(stack.url, undefined, { batchId: 'x', observations: [good()] })).status).toBe(401);
    expect((await postBatch(stack.url, 'ioc_nope', { batchId: 'x', observations: [good()] })).status).toBe(401);
  });
  it('400 for a body that is not JSON, has no batchId, no items or more than 5,000', async () => {
    expect((await postBatch(stack.url, token, '{"batchId":')).status).toBe(400);
    expect((await postBatch(stack.url, token, { observations: [good()] })).status).toBe(400);
    expect((await postBatch(stack.url, token, { batchId: 'e', observations: [] })).status).toBe(400);
    const many = Array.from({ length: 5001 }, () => ({ i: 1 }));
    const res = await postBatch(stack.url, token, { batchId: 'many', observations: many });
    expect(res.status).toBe(400);
    expect(res.body.error!.issues!.join()).toMatch(/5000/);
  });
  it('413 for a body over 1 MB', async () => {
    const big = { batchId: 'big', observations: [good()], pad: 'x'.repeat(1024 * 1024) };
    expect((await postBatch(stack.url, token, big)).status).toBe(413);
  });
  it('202 with per-item rejections when every item is outside the token scope (as docs/api.md says)', async () => {
    const res = await postBatch(stack.url, hanoiToken, { batchId: 'oos', observations: [good(commune48), { ...good(commune48), indicator: 'field_report_count' }] });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 0, status: 'empty' });
    expect(res.body.rejected.map((r) => r.code)).toEqual(['unit_out_of_scope', 'indicator_out_of_scope']);
  });
});

describe('ingest: each bad item gets its own reason and writes nothing', () => {
  it('unknown indicator', () => rejectsOne({ ...good(), indicator: 'happiness_index' }, /unknown indicator 'happiness_index'/));
  it('unknown unit', () => rejectsOne({ ...good(), unit: '99999' }, /unknown unit '99999'/));
  it('unit outside the token scope', async () => {
    await rejectsOne(good(commune48), /outside this source's scope/, hanoiToken);
    await nothingWritten('dossier_received_count', commune48, '48');
  });
  it('indicator outside the token scope', () => rejectsOne({ ...good(), indicator: 'field_report_count' }, /indicator 'field_report_count' is outside/, hanoiToken));
  it('a derived level: the province of a commune-reported rollup', () => rejectsOne(good('01'), /not reported at province level/));
  it('NaN, Infinity and strings for numbers', async () => {
    await rejectsOne({ ...good(), value: 'NaN' }, /value must be a number, got string/);
    await rejectsOne({ ...good(), value: '12' }, /value must be a number, got string/);
    // JSON cannot carry NaN or Infinity; 1e999 is how Infinity arrives, and null how NaN is often serialised
    const inf = await postBatch(stack.url, token, `{"batchId":"inf","observations":[{"indicator":"dossier_received_count","unit":"${commune01}","period":"${today()}","value":1e999,"observedAt":"${now()}"}]}`);
    expect(inf.body.rejected[0]!.reason).toMatch(/finite/);
    await rejectsOne({ ...good(), value: null }, /value must be a number, got null/);
  });
  it('negative counts', () => rejectsOne({ ...good(), value: -3 }, /must not be negative/));
  it('num > den where the ratio cannot exceed its denominator', () =>
    rejectsOne({ indicator: 'dossier_on_time_rate', unit: commune01, period: today(), num: 11, den: 10, observedAt: now() }, /must not exceed den/));
  it('a period in the future', () => rejectsOne({ ...good(), period: '2099-01-01' }, /in the future/));
  it('a period of the wrong kind', () => rejectsOne({ ...good(), period: '2026-11' }, /not a day \(YYYY-MM-DD\)/));
  it('an observedAt in the future or not a date', async () => {
    await rejectsOne({ ...good(), observedAt: '2099-01-01T00:00:00Z' }, /observedAt .* is in the future/);
    await rejectsOne({ ...good(), observedAt: 'yesterday' }, /ISO 8601/);
  });
  it('the wrong value shape for the kind', async () => {
    await rejectsOne({ ...good(), indicator: 'dossier_on_time_rate' }, /ratio indicator: send num and den \(got value\)/);
    await rejectsOne({ ...good(), num: 1, den: 2 }, /sum indicator: send value/);
    await rejectsOne({ ...good(), indicator: 'avg_processing_days' }, /wmean indicator: send value and weight/);
  });
  it('duplicates in one batch', async () => {
    const res = await postBatch(stack.url, token, { batchId: 'dups', observations: [good(), good()] });
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected).toEqual([{ index: 1, code: 'duplicate_in_batch', reason: expect.stringMatching(/duplicate of item 0/) }]);
  });
  it('a replayed batch id is answered as a duplicate and changes nothing', async () => {
    const unit = domain.registry.children('01', 'commune')[5]!.code;
    const item = { ...good(unit), value: 42 };
    expect((await postBatch(stack.url, token, { batchId: 'once', observations: [item] })).body.status).toBe('queued');
    await eventually(async () => ((await stack.redis.hget(stack.keys.latest('dossier_received_count', '01', today()), unit)) ? true : undefined));
    const again = await postBatch(stack.url, token, { batchId: 'once', observations: [{ ...item, value: 1000 }] });
    expect(again.body.status).toBe('duplicate');
    await new Promise((r) => setTimeout(r, 300));
    expect((await stack.redis.hget(stack.keys.latest('dossier_received_count', '01', today()), unit))!.split('|')[0]).toBe('42');
  });
});

describe('ingest: the bounds of a figure and of its time (docs/api.md, Limits)', () => {
  it('observedAt: whole epoch ms from 2000-01-01 up to 5 minutes ahead; the good items of the batch still go in', async () => {
    await rejectsOne({ ...good(), observedAt: 8.64e15 + 1 }, /future|observedAt/, token, 'bad_observed_at');
    await rejectsOne({ ...good(), observedAt: 1e300 }, /observedAt/, token, 'bad_observed_at');
    await rejectsOne({ ...good(), observedAt: 1_764_000_000 }, /before 2000-01-01/, token, 'bad_observed_at');
    await rejectsOne({ ...good(), observedAt: Date.now() + 0.5 }, /whole epoch milliseconds/, token, 'bad_observed_at');
  });
  it('counts are whole numbers up to 2^41; other figures within ±2^41', async () => {
    await rejectsOne({ ...good(), value: 2 ** 53 + 2 }, /over the limit for a count/, token, 'out_of_bounds');
    await rejectsOne({ ...good(), value: 2.5 }, /whole number/, token, 'out_of_bounds');
    await rejectsOne({ ...good(), value: 1.7e308 }, /over the limit/, token, 'out_of_bounds');
    await rejectsOne({ indicator: 'avg_processing_days', unit: commune01, period: today(), value: 1e200, weight: 1e200, observedAt: now() }, /magnitude limit/, token, 'out_of_bounds');
    await rejectsOne({ indicator: 'dossier_on_time_rate', unit: commune01, period: today(), num: 1, den: 2 ** 42, observedAt: now() }, /limit for a count/, token, 'out_of_bounds');
  });
  it('late never beats newer: an item observed before the stored figure is refused with its code', async () => {
    const unit = domain.registry.children('01', 'commune')[7]!.code;
    const newer = new Date(Date.now() - 1000).toISOString();
    const older = new Date(Date.now() - 60_000).toISOString();
    expect((await postBatch(stack.url, token, { batchId: 'late-a', observations: [{ ...good(unit), value: 9, observedAt: newer }] })).body.accepted).toBe(1);
    await eventually(async () => ((await stack.redis.hget(stack.keys.latest('dossier_received_count', '01', today()), unit)) ? true : undefined));
    const res = await postBatch(stack.url, token, { batchId: 'late-b', observations: [good(), { ...good(unit), value: 1, observedAt: older }] });
    expect(res.body).toMatchObject({ accepted: 1, rejected: [{ index: 1, code: 'older_than_stored' }] });
    await new Promise((r) => setTimeout(r, 300));
    expect((await stack.redis.hget(stack.keys.latest('dossier_received_count', '01', today()), unit))!.split('|')[0]).toBe('9');
  });
});
