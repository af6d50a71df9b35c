import type { RedisClient } from '../../platform/redis';
import type { UnitRegistry } from '../../core/units/registry';
import type { MetricValue } from '../../core/contract/metrics';
import { decodeChangeItems } from '../../store/changes.repo';
import { ROOT_PARENT, type Keys } from '../../store/keys';
import type { SentBatch, SentObservation } from './steady-ingest';

interface Components {
  num: number;
  den: number | null;
  at: number;
  n: number | null;
}

/** "num|den|observedAt|source|reporting" (store/value-codec.ts). */
function components(encoded: string | null | undefined): Components | undefined {
  if (!encoded) return undefined;
  const [num, den, at, , n] = encoded.split('|');
  return { num: Number(num), den: den ? Number(den) : null, at: Number(at), n: n ? Number(n) : null };
}

function near(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

const pairKey = (o: { indicator: string; unit: string; period: string }) => `${o.indicator}|${o.unit}|${o.period}`;

/** Every change-stream entry written for a batch (by `batch` field), in stream order. */
async function streamByBatch(redis: RedisClient, k: Keys): Promise<Map<string, { id: string; items: MetricValue[] }[]>> {
  const out = new Map<string, { id: string; items: MetricValue[] }[]>();
  let from = '-';
  for (;;) {
    const raw = (await redis.xrange(k.changes(), from, '+', 'COUNT', 1000)) as [string, string[]][];
    for (const [id, fields] of raw) {
      const f: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
      if (!f.batch) continue;
      const key = `${f.src}|${f.batch}`;
      const list = out.get(key) ?? [];
      list.push({ id, items: decodeChangeItems(f.items ?? '') });
      out.set(key, list);
    }
    if (raw.length < 1000) return out;
    from = `(${raw.at(-1)![0]}`;
  }
}

/**
 * What a fault must not break, read from Redis after the queue drained; returns what is wrong (empty: all exact).
 * - every batch answered 202 was applied exactly once: its batch mark is set, and each of its figures is in its
 *   change-stream entries once, with the value sent, unless a newer figure (a later observedAt) of the same commune
 *   was applied first (late never beats newer); no batch that was not accepted was applied;
 * - each commune holds the newest figure sent for it (by observedAt), whatever order the batches were applied in;
 * - each province's running sums equal the sums of its communes' stored components (num, den, count), and its
 *   stored value holds them; the nation's equal the sums of its provinces'.
 */
export async function checkTotals(redis: RedisClient, k: Keys, registry: UnitRegistry, accepted: readonly SentBatch[]): Promise<string[]> {
  const problems: string[] = [];
  const say = (m: string) => problems.length < 50 && problems.push(m);
  const stream = await streamByBatch(redis, k);
  const newest = new Map<string, SentObservation>();
  for (const b of accepted) for (const o of b.observations) if ((newest.get(pairKey(o))?.at ?? -1) < o.at) newest.set(pairKey(o), o);
  const acceptedKeys = new Set(accepted.map((b) => `${b.source}|${b.batchId}`));

  for (const batch of accepted) {
    const key = `${batch.source}|${batch.batchId}`;
    if (!(await redis.exists(k.batch(batch.source, batch.batchId)))) say(`${key}: answered 202 but not marked applied`);
    const entries = stream.get(key) ?? [];
    const seen = new Map<string, number>();
    for (const e of entries) {
      for (const item of e.items) {
        const { indicator, unit, period, num, den } = item;
        if (registry.get(unit)?.level !== 'commune') continue;
        const pk = pairKey({ indicator, unit, period });
        seen.set(pk, (seen.get(pk) ?? 0) + 1);
        const sent = batch.observations.find((o) => pairKey(o) === pk);
        if (!sent) say(`${key}: the stream holds ${pk}, which the batch did not send`);
        else if (!near(sent.num, num) || !near(sent.den, den)) say(`${key}: ${pk} applied as ${num}/${den}, sent ${sent.num}/${sent.den}`);
      }
    }
    for (const o of batch.observations) {
      const times = seen.get(pairKey(o)) ?? 0;
      const superseded = newest.get(pairKey(o))!.at > o.at;
      if (times > 1 || (times === 0 && !superseded)) say(`${key}: ${pairKey(o)} applied ${times} times`);
    }
  }
  for (const key of stream.keys()) if (key.startsWith('fault-feed-') && !acceptedKeys.has(key)) say(`${key}: applied but never answered 202`);

  // communes: the newest figure sent is what is stored
  const sentPairs = newest;
  for (const [pk, o] of sentPairs) {
    const stored = components(await redis.hget(k.latest(o.indicator, registry.get(o.unit)!.parent!, o.period), o.unit));
    if (!stored) say(`${pk}: not stored`);
    else if (!near(stored.num, o.num) || !near(stored.den, o.den) || stored.at !== o.at) {
      say(`${pk}: stored ${stored.num}/${stored.den} observed ${stored.at}, the newest sent is ${o.num}/${o.den} observed ${o.at}`);
    }
  }

  // rollups: each parent's running sums and stored value equal the sums of its children's stored components
  const byIndicator = new Map<string, { period: string; provinces: Set<string> }>();
  for (const o of sentPairs.values()) {
    const entry = byIndicator.get(o.indicator) ?? { period: o.period, provinces: new Set<string>() };
    entry.provinces.add(registry.get(o.unit)!.parent!);
    byIndicator.set(o.indicator, entry);
  }
  const checkParent = async (indicator: string, parent: string, storedUnder: string, period: string) => {
    const children = await redis.hgetall(k.latest(indicator, parent, period));
    let num = 0;
    let den = 0;
    let hasDen = false;
    let n = 0;
    for (const enc of Object.values(children)) {
      const c = components(enc)!;
      num += c.num;
      if (c.den !== null) {
        den += c.den;
        hasDen = true;
      }
      n += 1;
    }
    const agg = await redis.hgetall(k.agg(indicator, parent, period));
    const label = `${indicator}|${parent}|${period}`;
    if (!near(Number(agg.num), num)) say(`${label}: running num ${agg.num}, Σ children ${num}`);
    if (hasDen && !near(Number(agg.den), den)) say(`${label}: running den ${agg.den}, Σ children ${den}`);
    if (Number(agg.n) !== n) say(`${label}: running count ${agg.n}, ${n} children stored`);
    const own = components(await redis.hget(k.latest(indicator, storedUnder, period), parent));
    if (!own) say(`${label}: no stored value`);
    else if (!near(own.num, num) || (hasDen && !near(own.den, den)) || own.n !== n) {
      say(`${label}: stored ${own.num}/${own.den} (${own.n}), Σ children ${num}/${hasDen ? den : null} (${n})`);
    }
  };
  for (const [indicator, { period, provinces }] of byIndicator) {
    for (const p of provinces) await checkParent(indicator, p, 'VN', period);
    await checkParent(indicator, 'VN', ROOT_PARENT, period);
  }
  return problems;
}
