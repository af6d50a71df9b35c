/**
 * `npm run bench:ingest`: sustained observations/s from HTTP to committed in Redis, beside the physical limit measured
 * in the same run: raw pipelined Redis writes of the same shape, pre-encoded RESP on a bare socket (the latest value, the province and national running
 * sums, a series bucket per observation). Also the Lua apply alone, without HTTP and the queue.
 * Then each step's cost per observation, measured in this process on the same batches (one core, one step at a time):
 * HTTP body JSON.parse, validation, the stored-time check (HMGETs), the job both ways (columns and JSON, as BullMQ writes and reads
 * it: bytes per observation), the apply call's building (node) and the script itself (Redis).
 * The stack first commits 4 warm-up batches of its own (the workers booted, their code warm) before the clock starts.
 * Loopback only; bounded by BENCH_OBSERVATIONS (default 300,000). Prints figures and ratios; asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import type { RedisClient } from '../../platform/redis';
import type { Observation } from '../../core/contract/observation';
import { currentPeriod } from '../../core/time/period';
import { ensureMaps } from '../../maps/ensure';
import { loadDomain } from '../../platform/domain';
import { validateObservation, type ValidationContext } from '../../core/contract/validate-observation';
import { fromIngestJobWire, toIngestJobWire } from '../../core/contract/ingest-job-wire';
import { applyBatch, applyCall, olderThanStored, type ApplyContext } from '../../store/apply-batch';
import { keys } from '../../store/keys';
import { withScripts } from '../../store/lua-scripts';
import { newSource } from '../support/ingest-client';
import { startStack } from '../support/stack';
import { startTestRedis } from '../support/private-redis';
import { BATCH, postAll, wireBatches } from './bench-batches';
import { encodeCommands, RawRedis } from './raw-resp';

const TOTAL = Number(process.env.BENCH_OBSERVATIONS ?? 300_000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 4);

await ensureMaps();
const domain = loadDomain();
const period = currentPeriod('day', Date.now());
const observedAt = new Date().toISOString();

const WARM_UP = 4;
const generated = wireBatches(domain, period, Math.ceil(TOTAL / BATCH) + WARM_UP, () => observedAt);
/** Posted and committed before the clock starts: the workers have booted and their code is warm. */
const warmUp = generated.splice(-WARM_UP);
const batches = generated;
const total = batches.length * BATCH;
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

// a Redis of the run's own (configured as npm start's private one), unless REDIS_URL names one: on a machine whose
// Redis serves others too, INFO cpu would count their commands
const own = process.env.REDIS_URL ? undefined : await startTestRedis();
const redisUrl = process.env.REDIS_URL ?? own!.url;

// 1. HTTP → queue → worker → Lua → committed
const stack = await startStack({ LOG_LEVEL: 'error', REDIS_URL: redisUrl });
const token = await newSource(stack.redis, stack.keys, 'bench');
const ids = batches.map((_, i) => `bench-${i}`);
/** Until every batch of `batchIds` is committed (its marker written). */
const committed = async (batchIds: readonly string[]) => {
  for (;;) {
    const pipe = stack.redis.pipeline();
    for (const id of batchIds) pipe.exists(stack.keys.batch('bench', id));
    const done = ((await pipe.exec()) ?? []).filter(([, v]) => v === 1).length;
    if (done === batchIds.length) return;
    await new Promise((r) => setTimeout(r, 20));
  }
};
const warmIds = warmUp.map((_, i) => `warm-${i}`);
await postAll(stack.url, token, warmUp, warmIds, IN_FLIGHT);
await committed(warmIds);
/** Redis's own CPU time (user + sys, µs), from INFO cpu: on a private Redis it is this run's alone. */
const redisCpuUs = async (r: RedisClient) => {
  const info = await r.info('cpu');
  const f = (name: string) => Number(new RegExp(`${name}:([0-9.]+)`).exec(info)?.[1] ?? 0);
  return (f('used_cpu_user') + f('used_cpu_sys')) * 1e6;
};
/** A child process's CPU time (user + sys, µs), from /proc (Linux; 0 elsewhere). */
const procCpuUs = (pid: number | undefined) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1e6) / 100;
  } catch {
    return 0;
  }
};
const cpu0 = await redisCpuUs(stack.redis);
const server0 = procCpuUs(stack.server.pid), workers0 = procCpuUs(stack.workers.pid), bench0 = process.cpuUsage();
const t0 = performance.now();
await postAll(stack.url, token, batches, ids, IN_FLIGHT);
const tPosted = performance.now();
await committed(ids);
const tCommitted = performance.now();
const redisE2eUs = ((await redisCpuUs(stack.redis)) - cpu0) / total;
const serverE2eUs = (procCpuUs(stack.server.pid) - server0) / total, workersE2eUs = (procCpuUs(stack.workers.pid) - workers0) / total;
const benchCpu = process.cpuUsage(bench0), benchE2eUs = (benchCpu.user + benchCpu.system) / total;
const wallE2eUs = ((tCommitted - t0) * 1000) / total;
const endToEnd = total / ((tCommitted - t0) / 1000);
const httpOnly = total / ((tPosted - t0) / 1000);
await stack.stop();

// 2. the Lua apply alone (validated observations, no HTTP, no queue)
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
const luaCtx: ApplyContext = { redis, keys: luaKeys, registry: domain.registry, indicator: domain.indicator, changes: { maxLen: 2000, windowMs: 600_000 } };
const tLua0 = performance.now();
for (let i = 0; i < validated.length; i++) {
  await applyBatch(luaCtx, { source: 'bench', batchId: `l${i}`, receivedAt: 0, observations: validated[i]! });
}
const luaOnly = total / ((performance.now() - tLua0) / 1000);

// 2b. each step's cost per observation, one at a time in this process (µs/obs)
const perObs = (ms: number) => (ms * 1000) / total;
const timed = (f: () => void) => {
  const t = performance.now();
  f();
  return perObs(performance.now() - t);
};
const bodies = batches.map((b, i) => JSON.stringify({ batchId: `s${i}`, observations: b }));
let parsed: { observations: unknown[] }[] = [];
const stepParse = timed(() => (parsed = bodies.map((b) => JSON.parse(b) as { observations: unknown[] })));
const vctx: ValidationContext = {
  indicator: domain.indicator,
  unit: (code) => domain.registry.get(code),
  isWithin: (code, scope) => domain.registry.isWithin(code, scope),
  scope: { units: ['VN'], indicators: '*' },
  nowMs: Date.now(),
};
const stepValidate = timed(() => {
  for (const b of parsed) {
    const seen = new Map<string, number>();
    b.observations.forEach((item, i) => validateObservation(item, i, vctx, seen));
  }
});
const tOlder = performance.now();
for (const b of validated) await olderThanStored(redis, luaKeys, domain.registry, b);
const stepOlder = perObs(performance.now() - tOlder);
const jobs = validated.map((observations, i) => ({ source: 'bench', batchId: `j${i}`, receivedAt: 0, observations }));
let jobJson: string[] = [];
// as the queue holds a job (core/contract/ingest-job-wire.ts): laid out in columns, then JSON both ways
const stepJobOut = timed(() => (jobJson = jobs.map((j) => JSON.stringify(toIngestJobWire(j)))));
const stepJobIn = timed(() => jobJson.forEach((j) => fromIngestJobWire(JSON.parse(j))));
const jobBytes = jobJson.reduce((n, j) => n + Buffer.byteLength(j), 0) / total;
const stepCall = timed(() => jobs.forEach((j) => applyCall(luaCtx, j)));
const luaPerObs = 1e6 / luaOnly;

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
await own?.dispose();

console.log(`\ningest benchmark — ${fmt(total)} observations in batches of ${BATCH}, ${IN_FLIGHT} requests in flight, loopback, ${(await import('node:os')).cpus().length} cores`);
console.log(`  HTTP → committed in Redis (end to end)   ${fmt(endToEnd).padStart(10)} obs/s`);
console.log(`  HTTP accepted (validated + queued)        ${fmt(httpOnly).padStart(10)} obs/s`);
console.log(`  Lua apply alone (one call per batch)      ${fmt(luaOnly).padStart(10)} obs/s`);
console.log(`  raw RESP pipeline, same writes            ${fmt(raw).padStart(10)} obs/s   (physical limit)`);
console.log(`  ratio end-to-end / raw                    ${(endToEnd / raw).toFixed(2)}`);
console.log(`  ratio Lua alone / raw                     ${(luaOnly / raw).toFixed(2)}`);
const us = (x: number) => `${x.toFixed(2).padStart(8)} µs/obs`;
console.log(`\n  cost per observation, step by step (one core each; end to end at 100,000 obs/s leaves 20 µs/obs for all of them on 2 cores)`);
console.log(`  HTTP body JSON.parse                      ${us(stepParse)}`);
console.log(`  validation (validateObservation)          ${us(stepValidate)}`);
console.log(`  stored-time check (olderThanStored HMGETs)${us(stepOlder)}`);
console.log(`  job written (columns, BullMQ JSON)        ${us(stepJobOut)}   ${jobBytes.toFixed(0)} bytes/obs`);
console.log(`  job read (worker fetch, JSON, columns)    ${us(stepJobIn)}`);
console.log(`  apply call built (applyCall, node)        ${us(stepCall)}`);
console.log(`  apply script (Lua alone − call, + wire)   ${us(luaPerObs - stepCall)}`);
console.log(`  raw RESP writes (Redis, same shape)       ${us(1e6 / raw)}`);
console.log(`\n  CPU per observation during end to end (what takes the cores' time; wall ${wallE2eUs.toFixed(2)} µs/obs × 2 cores = ${(2 * wallE2eUs).toFixed(2)})`);
console.log(`  Redis (INFO cpu)                          ${us(redisE2eUs)}   (alone it caps end to end at ${fmt(1e6 / redisE2eUs)} obs/s${own ? ', the run\'s own Redis' : '; a shared Redis counts other clients too'})`);
console.log(`  server process (HTTP, validation, queue)  ${us(serverE2eUs)}`);
console.log(`  worker process (fetch, apply call)        ${us(workersE2eUs)}`);
console.log(`  bench client (bodies, posting, polling)   ${us(benchE2eUs)}`);
console.log(`  all four                                  ${us(redisE2eUs + serverE2eUs + workersE2eUs + benchE2eUs)}   (100,000 obs/s on 2 cores needs ≤ 20)`);
process.exit(0);
