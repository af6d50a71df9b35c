import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Components } from '../../core/aggregation/components';
import { ROLLUP_GOLDEN_CASES } from '../../core/aggregation/golden';
import { rollup } from '../../core/aggregation/rollup';
import type { Observation } from '../../core/contract/observation';
import { reportingLevels, validateObservation, type ValidationContext } from '../../core/contract/validate-observation';
import type { Indicator } from '../../core/indicators/indicator';
import { currentPeriod } from '../../core/time/period';
import { loadDomain, type Domain } from '../../platform/domain';
import { applyBatch, olderThanStored, type ApplyContext } from '../../store/apply-batch';
import { keys, ROOT_PARENT, type Keys } from '../../store/keys';
import { withScripts } from '../../store/lua-scripts';
import { storedAt } from '../../store/value-codec';
import { dropPrefix } from '../support/redis-prefix';

/**
 * The promise of core/aggregation/golden.ts, checked on generated input: random batches — with extreme and hostile
 * numbers, wrong types, out-of-order observedAt, corrections and replayed batch ids — go through the ingest
 * validation and the real apply script; afterwards Redis holds exactly the accepted figures (late never beats newer),
 * and every province and the nation equal the pure rollup of them: exactly for counts, to the last bits of a double
 * for amounts and weighted means.
 */

const SEED = Number(process.env.PROPERTY_SEED ?? 20261206);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

let domain: Domain;
let redis: Redis;
const base = `t-${randomBytes(4).toString('hex')}`;
let run = 0;

beforeAll(() => {
  domain = loadDomain();
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
});
afterAll(async () => {
  for (let i = 0; i <= run; i++) await dropPrefix(redis, `${base}-${i}`);
  redis.disconnect();
});

const hostile = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 5000 }) },
  { weight: 2, arbitrary: fc.double() },
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      0, -0, -1, 0.1, 2.5, 2 ** 41, 2 ** 41 + 1, 2 ** 53, 2 ** 53 + 1, 1e15, 1e200, 1.7e308, -1.7e308,
      Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity, '12', null, true, [], {},
    ),
  },
);

/** An item as a feed might send it: an indicator, a unit and a time from small pools, figures from `hostile`. */
const item = fc.record({
  ind: fc.nat(5),
  unit: fc.nat(5),
  at: fc.oneof({ weight: 8, arbitrary: fc.nat(5) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(8.64e15 + 1, 0, -1, 'x', 1e300) }),
  a: hostile,
  b: hostile,
});
const batches = fc.array(fc.record({ items: fc.array(item, { minLength: 1, maxLength: 12 }), replay: fc.option(fc.nat(7), { freq: 4 }) }), {
  minLength: 1,
  maxLength: 8,
});

interface Stored extends Components {
  at: number;
}

function pick(kind: Indicator['kind'], counts: boolean): Indicator {
  const found = domain.indicators.find(
    (i) => i.kind === kind && i.counts === counts && reportingLevels(i).includes('commune') && i.periodKind !== 'live',
  ) ?? domain.indicators.find((i) => i.kind === kind && reportingLevels(i).includes('commune'));
  if (!found) throw new Error(`no ${kind} indicator reported by communes`);
  return found;
}

function decode(enc: string): Components & { n: number | null } {
  const [num, den, , , n] = enc.split('|');
  return { num: Number(num), den: den ? Number(den) : null, n: n ? Number(n) : null };
}

/** Close to the last bits of a double, relative to the magnitudes summed (the pure sum rounds too, in its own order). */
function close(got: number, want: number, magnitude: number, exact: boolean): boolean {
  if (exact) return got === want;
  return Math.abs(got - want) <= 1e-12 * magnitude + Number.MIN_VALUE;
}

describe('apply-batch against the pure rollup, on generated hostile batches', () => {
  it(`Redis equals the rollup of exactly the accepted items (seed ${SEED}, ${RUNS} runs)`, async () => {
    const indicators = [pick('sum', true), pick('ratio', true), pick('wmean', false), pick('max', false), pick('sum', false), pick('ratio', false)];
    const provinces = ['01', '48'];
    const communes = provinces.flatMap((p) => domain.registry.children(p, 'commune').slice(0, 3).map((u) => u.code));
    const now = Date.now();
    const times = Array.from({ length: 6 }, (_, i) => now - 3_600_000 + i * 60_000);
    const vctx: ValidationContext = {
      indicator: domain.indicator,
      unit: (c) => domain.registry.get(c),
      isWithin: (c, s) => domain.registry.isWithin(c, s),
      scope: { units: ['VN'], indicators: '*' },
      nowMs: now,
    };

    await fc.assert(
      fc.asyncProperty(batches, async (plan) => {
        run++;
        const k: Keys = keys(`${base}-${run}`);
        const ctx: ApplyContext = { redis: withScripts(redis), keys: k, registry: domain.registry, indicator: domain.indicator, changes: { maxLen: 1000, windowMs: 600_000 } };
        const model = new Map<string, Stored>();
        const applied = new Set<string>();
        for (const [bi, b] of plan.entries()) {
          const batchId = b.replay !== null && b.replay < bi ? `b${b.replay}` : `b${bi}`;
          const wire = b.items.map((it) => {
            const ind = indicators[it.ind]!;
            const figures = ind.kind === 'ratio' ? { num: it.a, den: it.b } : ind.kind === 'wmean' ? { value: it.a, weight: it.b } : { value: it.a };
            const at = typeof it.at === 'number' && it.at < times.length && Number.isInteger(it.at) ? times[it.at] : it.at;
            return JSON.parse(JSON.stringify({ indicator: ind.id, unit: communes[it.unit], period: currentPeriod(ind.periodKind, now), observedAt: at, ...figures })) as unknown;
          });
          const seen = new Map<string, number>();
          const accepted: Observation[] = [];
          wire.forEach((w, i) => {
            const r = validateObservation(w, i, vctx, seen);
            if ('ok' in r) accepted.push(r.observation);
          });
          const older = await olderThanStored(redis, k, domain.registry, accepted);
          const kept = accepted.filter((_, i) => !older.has(i));
          if (kept.length === 0) continue;
          const result = await applyBatch(ctx, { source: 'prop', batchId, receivedAt: now, observations: kept });
          if (applied.has(batchId)) {
            expect(result.status).toBe('duplicate');
            continue;
          }
          expect(result).toMatchObject({ status: 'applied', older: [] });
          applied.add(batchId);
          for (const o of kept) {
            const key = `${o.indicator}|${o.unit}`;
            const before = model.get(key);
            if (!before || before.at <= o.observedAt) model.set(key, { num: o.num, den: o.den, at: o.observedAt });
          }
        }

        for (const ind of indicators) {
          const period = currentPeriod(ind.periodKind, now);
          const exact = ind.counts;
          const provinceFigures: (Components | undefined)[] = [];
          let nationMagnitude = 0;
          for (const p of provinces) {
            const stored = await redis.hgetall(k.latest(ind.id, p, period));
            const children: Components[] = [];
            let magnitude = 0;
            for (const c of domain.registry.children(p, 'commune').map((u) => u.code)) {
              const want = model.get(`${ind.id}|${c}`);
              const got = stored[c];
              // nothing of a refused item is written; an accepted one is stored as accepted, with its time
              expect(got === undefined, `${ind.id} ${c} written: ${got} vs ${JSON.stringify(want)}`).toBe(want === undefined);
              if (!want || !got) continue;
              expect({ ...decode(got), n: null, at: storedAt(got) }).toEqual({ num: want.num, den: want.den, n: null, at: want.at });
              children.push(want);
              magnitude += Math.abs(want.num) + Math.abs(want.den ?? 0);
            }
            nationMagnitude += magnitude;
            const pure = rollup(ind, children);
            const got = (await redis.hget(k.latest(ind.id, 'VN', period), p)) ?? undefined;
            if (!pure || pure.reporting === 0) {
              provinceFigures.push(undefined);
              expect(got === undefined || decode(got).n === 0, `${ind.id} ${p}: ${got}`).toBe(true);
              continue;
            }
            const g = decode(got!);
            expect(close(g.num, pure.num, magnitude, exact), `${ind.id} ${p} num ${g.num} vs ${pure.num}`).toBe(true);
            if (pure.den !== null) expect(close(g.den!, pure.den, magnitude, exact), `${ind.id} ${p} den ${g.den} vs ${pure.den}`).toBe(true);
            expect(g.n).toBe(pure.reporting);
            provinceFigures.push({ num: pure.num, den: pure.den });
          }
          const national = rollup(ind, provinceFigures);
          const got = (await redis.hget(k.latest(ind.id, ROOT_PARENT, period), 'VN')) ?? undefined;
          if (national && national.reporting > 0) {
            const g = decode(got!);
            expect(close(g.num, national.num, nationMagnitude, exact), `${ind.id} VN num ${g.num} vs ${national.num}`).toBe(true);
            if (national.den !== null) expect(close(g.den!, national.den, nationMagnitude, exact), `${ind.id} VN den`).toBe(true);
            expect(g.n).toBe(national.reporting);
          }
        }
      }),
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 90_000, verbose: 1 },
    );
  }, 120_000);

  it('the golden cases of core/aggregation/golden.ts, applied through the script, give their parents', async () => {
    const k = keys(`${base}-golden`);
    const ctx: ApplyContext = { redis: withScripts(redis), keys: k, registry: domain.registry, indicator: domain.indicator, changes: { maxLen: 1000, windowMs: 600_000 } };
    const now = Date.now();
    let checked = 0;
    for (const [ci, c] of ROLLUP_GOLDEN_CASES.entries()) {
      const ind = domain.indicators.find((i) => i.kind === c.indicator.kind && i.scale === c.indicator.scale && reportingLevels(i).includes('commune'));
      if (!ind || !c.want || c.want.reporting === 0) continue;
      const period = `${currentPeriod(ind.periodKind, now)}`;
      const communes = domain.registry.children('01', 'commune');
      const observations: Observation[] = [];
      c.children.forEach((child, i) => {
        if (child) observations.push({ indicator: ind.id, unit: communes[i]!.code, period, num: child.num, den: child.den, observedAt: now - 1000 });
      });
      await dropPrefix(redis, `${base}-golden`);
      expect((await applyBatch(ctx, { source: 'golden', batchId: `g${ci}`, receivedAt: now, observations })).status).toBe('applied');
      const got = decode((await redis.hget(k.latest(ind.id, 'VN', period), '01'))!);
      expect({ name: c.name, num: got.num, den: got.den, n: got.n }).toEqual({ name: c.name, num: c.want.num, den: c.want.den, n: c.want.reporting });
      checked++;
    }
    await dropPrefix(redis, `${base}-golden`);
    expect(checked).toBeGreaterThanOrEqual(8);
  });
});
