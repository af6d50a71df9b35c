/**
 * `npm run bench:ingest`: sustained observations/s from HTTP to committed in Redis, beside the physical limit measured
 * in the same run: raw pipelined Redis writes of the same shape, pre-encoded RESP on a bare socket (the latest value, the province and national running
 * sums, a series bucket per observation). Also the Lua apply alone, without HTTP and the queue.
 * Loopback only; bounded by BENCH_OBSERVATIONS (default 300,000). Prints figures and ratios; asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Observation } from '../../core/contract/observation';
import { currentPeriod } from '../../core/time/period';
import { ensureMaps } from '../../maps/ensure';
import { loadDomain } from '../../platform/domain';
import { applyBatch } from '../../store/apply-batch';
import { keys } from '../../store/keys';
import { withScripts } from '../../store/lua-scripts';
import { newSource } from '../support/ingest-client';
import { startStack } from '../support/stack';
import { BATCH, postAll, wireBatches } from './bench-batches';
import { encodeCommands, RawRedis } from './raw-resp';

const TOTAL = Number(process.env.BENCH_OBSERVATIONS ?? 300_000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 4);

await ensureMaps();
const domain = loadDomain();
const period = currentPeriod('day', Date.now());
const observedAt = new Date().toISOString();

const batches = wireBatches(domain, period, Math.ceil(TOTAL / BATCH), () => observedAt);
const total = batches.length * BATCH;
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

// 1. HTTP → queue → worker → Lua → committed
const stack = await startStack({ LOG_LEVEL: 'error' });
const token = await newSource(stack.redis, stack.keys, 'bench');
const ids = batches.map((_, i) => `bench-${i}`);
const t0 = performance.now();
await postAll(stack.url, token, batches, ids, IN_FLIGHT);
const tPosted = performance.now();
for (;;) {
  const pipe = stack.redis.pipeline();
  for (const id of ids) pipe.exists(stack.keys.batch('bench', id));
  const done = ((await pipe.exec()) ?? []).filter(([, v]) => v === 1).length;
  if (done === ids.length) break;
  await new Promise((r) => setTimeout(r, 20));
}
const tCommitted = performance.now();
const endToEnd = total / ((tCommitted - t0) / 1000);
const httpOnly = total / ((tPosted - t0) / 1000);
await stack.stop();

// 2. the Lua apply alone (validated observations, no HTTP, no queue)
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = withScripts(new Redis(redisUrl));
const luaPrefix = `bench-${randomBytes(3).toString('hex')}`;
const luaKeys = keys(luaPrefix);
const validated: Observation[][] = batches.map((b) =>
  b.map((o) => {
    const kind = domain.indicator(o.indicator as string)!.kind;
    const num = kind === 'ratio' ? (o.num as number) : kind === 'wmean' ? (o.value as number) * (o.weight as number) : (o.value as number);
    const den = kind === 'ratio' ? (o.den as number) : kind === 'wmean' ? (o.weight as number) : null;
    return { indicator: o.indicator as string, unit: o.unit as string, period, num, den, observedAt: Date.parse(observedAt) };
  }),
);
const tLua0 = performance.now();
for (let i = 0; i < validated.length; i++) {
  await applyBatch({ redis, keys: luaKeys, registry: domain.registry, indicator: domain.indicator, changes: { maxLen: 2000, windowMs: 600_000 } }, { source: 'bench', batchId: `l${i}`, receivedAt: 0, observations: validated[i]! });
}
const luaOnly = total / ((performance.now() - tLua0) / 1000);

// 3. the physical limit: the same writes (latest value, province and national sums, a series bucket) pre-encoded in
// RESP and pipelined over a bare socket — Redis's own speed, with no client library, no reads and no rollup logic
const rawPrefix = `ioc:{bench-raw-${randomBytes(3).toString('hex')}}:`;
const encoded = validated.map((b) =>
  encodeCommands(
    b.flatMap((o) => {
      const province = domain.registry.get(o.unit)!.parent!;
      return [
        ['HSET', `${rawPrefix}latest:${o.indicator}:${province}:${period}`, o.unit, `${o.num}|${o.den ?? ''}|${o.observedAt}|bench|`],
        ['HINCRBYFLOAT', `${rawPrefix}agg:${o.indicator}:${province}:${period}`, 'num', o.num],
        ['HINCRBYFLOAT', `${rawPrefix}agg:${o.indicator}:VN:${period}`, 'num', o.num],
        ['ZADD', `${rawPrefix}series:${o.indicator}:${o.unit}:1d`, o.observedAt, `${o.observedAt}|${o.num}`],
      ];
    }),
  ),
);
const bare = await RawRedis.open(redisUrl);
const tRaw0 = performance.now();
for (const buf of encoded) await bare.send(buf);
const raw = total / ((performance.now() - tRaw0) / 1000);
bare.close();

for (const p of [`ioc:{${luaPrefix}}:*`, `${rawPrefix}*`]) {
  const doomed = await redis.keys(p);
  for (let i = 0; i < doomed.length; i += 1000) await redis.unlink(...doomed.slice(i, i + 1000));
}
redis.disconnect();

console.log(`\ningest benchmark — ${fmt(total)} observations in batches of ${BATCH}, ${IN_FLIGHT} requests in flight, loopback, ${(await import('node:os')).cpus().length} cores`);
console.log(`  HTTP → committed in Redis (end to end)   ${fmt(endToEnd).padStart(10)} obs/s`);
console.log(`  HTTP accepted (validated + queued)        ${fmt(httpOnly).padStart(10)} obs/s`);
console.log(`  Lua apply alone (one call per batch)      ${fmt(luaOnly).padStart(10)} obs/s`);
console.log(`  raw RESP pipeline, same writes            ${fmt(raw).padStart(10)} obs/s   (physical limit)`);
console.log(`  ratio end-to-end / raw                    ${(endToEnd / raw).toFixed(2)}`);
console.log(`  ratio Lua alone / raw                     ${(luaOnly / raw).toFixed(2)}`);
process.exit(0);
