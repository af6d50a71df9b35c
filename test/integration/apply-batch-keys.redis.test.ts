import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestJob, Observation } from '../../core/contract/observation';
import { currentPeriod } from '../../core/time/period';
import { loadDomain, type Domain } from '../../platform/domain';
import { applyBatch, applyCall, type ApplyContext } from '../../store/apply-batch';
import { keys } from '../../store/keys';
import { withScripts } from '../../store/lua-scripts';
import { dropPrefix } from '../support/redis-prefix';

/**
 * Redis Cluster needs every key a script touches declared in KEYS. On a plain Redis, a fresh prefix shows what the
 * apply script wrote: that set must be the declared one, for a batch of every kind and level (and the outbox on).
 */
let domain: Domain;
let redis: Redis;
const prefixes: string[] = [];
const now = Date.now();
const period = currentPeriod('day', now);
const at = now - 60_000;

function obs(indicator: string, unit: string, num: number, den: number | null = null): Observation {
  return { indicator, unit, period, num, den, observedAt: at };
}
function context(): ApplyContext {
  const prefix = `t-keys-${randomBytes(4).toString('hex')}`;
  prefixes.push(prefix);
  return { redis: withScripts(redis), keys: keys(prefix), registry: domain.registry, indicator: domain.indicator, changes: { maxLen: 1000, windowMs: 600_000 }, outboxMax: 10 };
}
async function keySet(ctx: ApplyContext): Promise<string[]> {
  return (await redis.keys(`${ctx.keys.prefix}*`)).sort();
}
/** sum, ratio, wmean, max at communes of two provinces; official at commune, province, ministry and nation. */
function everyKindAndLevel(): IngestJob {
  const [a, b] = domain.registry.children('01', 'commune').map((u) => u.code);
  const [c] = domain.registry.children('48', 'commune').map((u) => u.code);
  const ministry = domain.registry.all('ministry')[0]!.code;
  const observations = [
    obs('dossier_received_count', a!, 12), obs('dossier_received_count', c!, 7),
    obs('dossier_on_time_rate', b!, 9, 10), obs('avg_processing_days', c!, 30, 5),
    obs('vn_aqi', a!, 80), obs('vn_aqi', c!, 120),
    obs('dossier_received_count', ministry, 40),
    obs('dvc766_total_score', a!, 70), obs('dvc766_total_score', '01', 71), obs('dvc766_total_score', ministry, 72), obs('dvc766_total_score', 'VN', 73),
  ];
  return { source: 'keys', batchId: 'every-kind', receivedAt: now, observations };
}

beforeAll(() => {
  domain = loadDomain();
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
});
afterAll(async () => {
  for (const p of prefixes) await dropPrefix(redis, p);
  redis.disconnect();
});

describe('apply-batch declares the keys it touches', () => {
  it('writes exactly the declared KEYS, for a batch with every kind and level', async () => {
    const ctx = context();
    const job = everyKindAndLevel();
    const declared = applyCall(ctx, job, now).keys;
    expect(new Set(declared).size).toBe(declared.length);
    expect(declared.every((k) => k.startsWith(ctx.keys.prefix))).toBe(true);
    expect((await applyBatch(ctx, job, now)).status).toBe('applied');
    expect(await keySet(ctx)).toEqual([...declared].sort());
  });

  it('a correction writes only declared keys, and a replay touches none', async () => {
    const ctx = context();
    const job = everyKindAndLevel();
    await applyBatch(ctx, job, now);
    const before = new Map(await Promise.all((await keySet(ctx)).map(async (k) => [k, await redis.dump(k)] as const)));
    const correction = { ...job, batchId: 'correction', observations: job.observations.map((o) => ({ ...o, num: o.num + 1, observedAt: o.observedAt + 1 })) };
    const declared = new Set(applyCall(ctx, correction, now).keys);
    expect((await applyBatch(ctx, correction, now)).status).toBe('applied');
    const changed: string[] = [];
    for (const k of await keySet(ctx)) if (before.get(k) !== (await redis.dump(k))) changed.push(k);
    expect(changed.length).toBeGreaterThan(job.observations.length / 2);
    expect(changed.filter((k) => !declared.has(k))).toEqual([]);
    const settled = await keySet(ctx);
    expect((await applyBatch(ctx, correction, now)).status).toBe('duplicate');
    expect(await keySet(ctx)).toEqual(settled);
  });

  it('refuses a payload whose key or cell indexes do not fit, before any write', async () => {
    const ctx = context();
    const call = applyCall(ctx, everyKindAndLevel(), now);
    const PAYLOAD = 8; // ARGV 9
    type Payload = { k: Record<string, [string]>; o: unknown[][]; c: unknown[][]; x: number[] };
    const tampered = (edit: (p: Payload) => void) => {
      const p = JSON.parse(call.argv[PAYLOAD] as string) as Payload;
      edit(p);
      return call.argv.map((a, i) => (i === PAYLOAD ? JSON.stringify(p) : a));
    };
    const maxCell = (p: Payload) => p.c.find((c) => p.k[c[0] as string]![0] === 'x')!;
    const cases: [string[], (string | number)[]][] = [
      [call.keys.slice(0, -1), call.argv], // the last key not declared
      [call.keys, tampered((p) => (p.o[0]![7] = 1.5))], // a latest key that is no index
      [call.keys, tampered((p) => (p.o[0]![11] = 2))], // 5-minute buckets without their key
      [call.keys, tampered((p) => (maxCell(p)[5] = 0))], // a max parent without its zagg
      [call.keys, tampered((p) => (p.o[0]![12] = p.c.findIndex((c) => c[0] !== p.o[0]![0]) + 1))], // another indicator's parent
      [call.keys, tampered((p) => (p.x = []))], // a commune's day without its retention
      [call.keys, tampered((p) => (p.x[1] = now - 1))], // a commune-day retention already over
      [call.keys, tampered((p) => (p.c[0]![9] = 1))], // a parent cell written as a commune's day
    ];
    for (const [keysGiven, argv] of cases) {
      await expect(ctx.redis.applyBatch(keysGiven.length, ...keysGiven, ...argv)).rejects.toThrow(/^BOUNDS /);
    }
    expect(await keySet(ctx)).toEqual([]);
  });
});
