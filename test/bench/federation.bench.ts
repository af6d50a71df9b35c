/**
 * `npm run bench:federation`: how fast a lower instance's outbox drains to the upper one after an outage, beside the
 * upper side's own ingest rate measured in the same run (the limit the drain can reach). Two real instances on one
 * Redis, on their own key prefixes, simulators off; a link scoped to VN (so every commune can be in a batch of 5,000).
 *   1. the upper's server stopped; BENCH_OBSERVATIONS (default 100,000) observations posted to the lower instance in
 *      batches of 5,000, each batch observed later than the one before; wait until the lower has applied them all
 *      (its outbox holds them);
 *   2. the outbox read alone (store/outbox.repo.ts readUnsent, one forwarder batch), for the profile;
 *   3. the upper's server started: time to the first forwarded batch (the forwarder's backoff), then to the outbox
 *      empty and every forwarded batch committed on the upper side; the figures of both sides compared once;
 *   4. the same observations posted straight to the upper side under another source token, timed to committed, one
 *      request in flight (as the forwarder sends) and BENCH_IN_FLIGHT (default 4).
 * Loopback only; every wait bounded (BENCH_TIMEOUT_MS, default 300,000). Prints figures and ratios; asserts nothing.
 */
import os from 'node:os';
import type { RedisClient } from '../../platform/redis';
import { currentPeriod } from '../../core/time/period';
import { ensureMaps } from '../../maps/ensure';
import { loadDomain } from '../../platform/domain';
import type { Keys } from '../../store/keys';
import { createLink } from '../../store/links.repo';
import { readUnsent } from '../../store/outbox.repo';
import { eventually, newSource } from '../support/ingest-client';
import { startStack, type Stack } from '../support/stack';
import { BATCH, postAll, wireBatches } from './bench-batches';

const TOTAL = Number(process.env.BENCH_OBSERVATIONS ?? 100_000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 4);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 300_000);

await ensureMaps();
const domain = loadDomain();
const period = currentPeriod('day', Date.now());
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const rate = (n: number, ms: number) => n / (ms / 1000);
const row = (label: string, value: string, note = '') => console.log(`  ${label.padEnd(44)} ${value.padStart(10)} ${note}`.trimEnd());

const t0Ms = Date.now();
/** Each batch observed 1 ms after the one before, so every figure it repeats is a correction. */
const batches = wireBatches(domain, period, Math.ceil(TOTAL / BATCH), (b) => t0Ms + b);
const total = batches.length * BATCH;

/** Resolves once every (source, batchId) carries its applied marker (polled every 20 ms), bounded. */
async function committed(redis: RedisClient, keys: Keys, source: string, ids: readonly string[]): Promise<void> {
  await eventually(
    async () => {
      const pipe = redis.pipeline();
      for (const id of ids) pipe.exists(keys.batch(source, id));
      return ((await pipe.exec()) ?? []).every(([, v]) => v === 1) ? true : undefined;
    },
    TIMEOUT_MS,
    20,
  );
}

/** Every leaf figure of a stack as `indicator|unit|period` → `num|den|observedAt` (its source left out). */
async function leafFigures(stack: Stack): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor = '0';
  do {
    const [next, found] = await stack.redis.scan(cursor, 'MATCH', `${stack.keys.prefix}latest:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of found) {
      const [indicator, , p] = key.slice(`${stack.keys.prefix}latest:`.length).split(':');
      for (const [unit, enc] of Object.entries(await stack.redis.hgetall(key))) {
        const [num, den, at, source] = enc.split('|');
        if (source !== 'rollup') out.set(`${indicator}|${unit}|${p}`, `${num}|${den}|${at}`);
      }
    }
  } while (cursor !== '0');
  return out;
}

const upper = await startStack({ LOG_LEVEL: 'error' });
const { link, token: linkToken } = await createLink(upper.redis, upper.keys, { name: 'bench lower', scope: 'VN' });
const lower = await startStack({ LOG_LEVEL: 'error', UPSTREAM_URL: upper.url, UPSTREAM_TOKEN: linkToken });
try {
  // 1. the outage: everything the lower instance applies waits in its outbox
  await upper.stopServer();
  const lowerToken = await newSource(lower.redis, lower.keys, 'bench-below');
  const lowerIds = batches.map((_, i) => `below-${i}`);
  const tIngest0 = performance.now();
  await postAll(lower.url, lowerToken, batches, lowerIds, IN_FLIGHT);
  await committed(lower.redis, lower.keys, 'bench-below', lowerIds);
  const lowerIngestMs = performance.now() - tIngest0;
  const pending = Number((await lower.redis.hget(lower.keys.outboxState(), 'pending')) ?? 0);
  const entries = (await lower.redis.xrange(lower.keys.outbox(), '-', '+')).map(([id]) => id);
  const outboxBytes = Number((await lower.redis.call('MEMORY', 'USAGE', lower.keys.outbox(), 'SAMPLES', '0')) ?? 0);

  // 2. the outbox read alone, as the forwarder does it for one batch (a read: nothing moves)
  const reads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await readUnsent(lower.redis, lower.keys, BATCH);
    reads.push(performance.now() - t);
  }
  const readMs = reads.sort((a, b) => a - b)[2]!;

  // 3. the upper side back: the forwarder's wait, then the drain to committed on the upper side
  const tBack = performance.now();
  await upper.startServer();
  const tListening = performance.now();
  // the first forwarded batch reaching the upper side records the link's report there (lastSeenAt)
  await eventually(async () => ((await upper.redis.hget(upper.keys.feed(link.id), 'lastSeenAt')) ? true : undefined), TIMEOUT_MS, 5);
  const tFirst = performance.now();
  const sendTimes: number[] = [];
  let lastCursor = '';
  await eventually(
    async () => {
      const cursor = (await lower.redis.hget(lower.keys.outboxState(), 'sent')) ?? '';
      if (cursor !== lastCursor) {
        sendTimes.push(performance.now());
        lastCursor = cursor;
      }
      return (await lower.redis.xlen(lower.keys.outbox())) === 0 ? true : undefined;
    },
    TIMEOUT_MS,
    5,
  );
  const tOutboxEmpty = performance.now();
  // each outbox entry holds one batch of 5,000, so each forwarded range is one entry: fwd-<id>-<id>
  await committed(upper.redis, upper.keys, link.id, entries.map((id) => `fwd-${id}-${id}`));
  const tDrained = performance.now();
  const [below, above] = await Promise.all([leafFigures(lower), leafFigures(upper)]);
  const differ = [...below].filter(([k, v]) => above.get(k) !== v).length;

  // 4. the limit: the same observations straight to the upper side, timed to committed
  const directToken = await newSource(upper.redis, upper.keys, 'bench-direct');
  const direct = async (inFlight: number, tag: string) => {
    const ids = batches.map((_, i) => `${tag}-${i}`);
    const t = performance.now();
    await postAll(upper.url, directToken, batches, ids, inFlight);
    await committed(upper.redis, upper.keys, 'bench-direct', ids);
    return rate(total, performance.now() - t);
  };
  // a fresh observedAt per run, so every item is a new figure there, not one the last run already stored
  for (const b of batches) for (const o of b) o.observedAt = (o.observedAt as number) + 1000;
  const directSerial = await direct(1, 'serial');
  for (const b of batches) for (const o of b) o.observedAt = (o.observedAt as number) + 1000;
  const directParallel = await direct(IN_FLIGHT, 'parallel');

  const drainMs = tDrained - tFirst;
  const drain = rate(total, drainMs);
  const gaps = sendTimes.slice(1).map((t, i) => t - sendTimes[i]!);
  const medianGap = gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? 0;
  console.log(`\nfederation drain benchmark — ${fmt(total)} observations in ${batches.length} batches of ${BATCH}, link scope VN, loopback, ${os.cpus().length} cores`);
  row(`lower instance ingest during the outage`, fmt(rate(total, lowerIngestMs)), `obs/s   (${IN_FLIGHT} in flight, to committed)`);
  row(`outbox after the outage`, fmt(pending), `figures in ${entries.length} entries, ${(outboxBytes / 1e6).toFixed(1)} MB`);
  row(`outbox read, one forwarder batch`, readMs.toFixed(1), `ms`);
  row(`upper server start → listening`, fmt(tListening - tBack), `ms`);
  row(`listening → first batch arrives (backoff)`, fmt(tFirst - tListening), `ms`);
  row(`first batch → outbox empty`, fmt(tOutboxEmpty - tFirst), `ms   (median ${fmt(medianGap)} ms per batch)`);
  row(`outbox empty → all committed above`, fmt(tDrained - tOutboxEmpty), `ms`);
  row(`drain (first batch → committed above)`, fmt(drain), `obs/s`);
  row(`drain incl. the backoff wait`, fmt(rate(total, tDrained - tListening)), `obs/s`);
  row(`upper ingest, direct, 1 in flight`, fmt(directSerial), `obs/s`);
  row(`upper ingest, direct, ${IN_FLIGHT} in flight`, fmt(directParallel), `obs/s   (the limit)`);
  row('ratio drain / direct, 1 in flight', (drain / directSerial).toFixed(2));
  row(`ratio drain / direct, ${IN_FLIGHT} in flight`, (drain / directParallel).toFixed(2));
  console.log(`  leaf figures below ${fmt(below.size)}, above ${fmt(above.size)}, differing ${differ}`);
} finally {
  await lower.stop();
  await upper.stop();
}
process.exit(0);
