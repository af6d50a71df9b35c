/**
 * `npm run bench:latency`: ingest → `metrics:delta` on a subscribed socket, at a steady BENCH_RATE (default 20,000
 * observations/s) through the HTTP API for BENCH_SECONDS (default 60), beside the floor: the coalescing tick
 * (DELTA_TICK_MS), which a change waits for on average half of and at worst all of.
 * Batch b is observed at `base + b` ms: a value in a delta names the batch it came from (for a rolled-up parent, the
 * newest batch among its children), so each (socket, batch) pair gives one sample: first arrival − the POST's start.
 * Loopback only; prints figures and ratios; asserts nothing.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, MetricsDelta, ServerToClientEvents } from '../../core/contract/events';
import { currentPeriod } from '../../core/time/period';
import { ensureMaps } from '../../maps/ensure';
import { loadDomain } from '../../platform/domain';
import { newSource, postBatch } from '../support/ingest-client';
import { signIn } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD } from '../support/stack';
import { INDICATORS, wireBatch, type WireItem } from './bench-batches';
import { percentile } from './percentile';

const RATE = Number(process.env.BENCH_RATE ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const BATCH = Number(process.env.BENCH_BATCH ?? 2000);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 4);
const TICK_MS = Number(process.env.DELTA_TICK_MS ?? 100);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 8);
const WARMUP_S = 5;

await ensureMaps();
const domain = loadDomain();
const period = currentPeriod('day', Date.now());
const provinces = domain.registry.all('province');
const base = Date.now() - 60_000;

/** Batch b: the next BATCH (commune × indicator) items in a fixed cycle, every value new, observed at base + b. */
const batch = (b: number): WireItem[] => wireBatch(domain, period, b, BATCH, base + b);

const stack = await startStack({ LOG_LEVEL: 'error', DELTA_TICK_MS: String(TICK_MS) });
const token = await newSource(stack.redis, stack.keys, 'bench-latency');
const { cookie } = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);

// the subscribers: each watches the national view and a few provinces, every indicator the feed changes
const sentAt: number[] = [];
const samples: number[] = [];
let counting = false;
const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
for (let s = 0; s < SUBSCRIBERS; s++) {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(stack.url, { transports: ['websocket'], extraHeaders: { cookie }, forceNew: true });
  const seen = new Set<number>();
  socket.on('metrics:delta', (delta: MetricsDelta) => {
    const now = performance.now();
    for (const v of delta.values) {
      const b = v.observedAt - base;
      if (!Number.isInteger(b) || b < 0 || sentAt[b] === undefined || seen.has(b)) continue;
      seen.add(b);
      if (counting) samples.push(now - sentAt[b]!);
    }
  });
  const scopes = ['VN', ...provinces.filter((_, i) => i % SUBSCRIBERS === s).slice(0, 3).map((p) => p.code)];
  for (const scope of scopes) {
    const ack = await socket.timeout(30_000).emitWithAck('view:subscribe', { scope, indicators: INDICATORS });
    if (!ack.ok) throw new Error(`subscribe ${scope}: ${JSON.stringify(ack.error)}`);
  }
  sockets.push(socket);
}

// steady ingest: batch b is sent at t0 + b × BATCH/RATE, at most IN_FLIGHT requests in flight (late when it cannot keep up)
const intervalMs = (BATCH / RATE) * 1000;
const total = Math.ceil((SECONDS * RATE) / BATCH);
let inFlight = 0;
let accepted = 0;
let lateSends = 0;
const t0 = performance.now();
const posts: Promise<void>[] = [];
for (let b = 0; b < total; b++) {
  const due = t0 + b * intervalMs;
  while (performance.now() < due || inFlight >= IN_FLIGHT) await new Promise((r) => setTimeout(r, Math.max(1, Math.min(5, due - performance.now()))));
  if (performance.now() - due > intervalMs) lateSends++;
  if (!counting && performance.now() - t0 > WARMUP_S * 1000) counting = true;
  const body = { batchId: `lat-${b}`, observations: batch(b) };
  inFlight++;
  sentAt[b] = performance.now();
  posts.push(
    postBatch(stack.url, token, body).then((res) => {
      inFlight--;
      if (res.status === 202) accepted += res.body.accepted;
      else console.error(`batch ${b}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }),
  );
}
await Promise.all(posts);
const tSent = performance.now();
await new Promise((r) => setTimeout(r, 3000)); // the last deltas
for (const s of sockets) s.disconnect();
await stack.stop();

const sentRate = accepted / ((tSent - t0) / 1000);
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number) => `${Math.round(x)} ms`;
samples.sort((a, b) => a - b);
const p50 = percentile(samples, 0.5);
const p99 = percentile(samples, 0.99);
console.log(`\nlatency benchmark — ingest → metrics:delta, ${SECONDS} s at ${fmt(RATE)} obs/s asked, batches of ${fmt(BATCH)}, ${SUBSCRIBERS} sockets, tick ${TICK_MS} ms, loopback, ${(await import('node:os')).cpus().length} cores`);
console.log(`  ingest achieved (accepted / time sending)   ${fmt(sentRate).padStart(8)} obs/s   (${lateSends} of ${total} batches sent late)`);
console.log(`  samples (socket × batch, after ${WARMUP_S} s warm-up) ${fmt(samples.length).padStart(8)}`);
console.log(`  p50                                       ${ms(p50).padStart(8)}   budget ≤ 150 ms ${p50 <= 150 ? 'within' : 'OVER'}   ${(p50 / TICK_MS).toFixed(2)} × tick`);
console.log(`  p90                                       ${ms(percentile(samples, 0.9)).padStart(8)}`);
console.log(`  p99                                       ${ms(p99).padStart(8)}   budget ≤ 250 ms ${p99 <= 250 ? 'within' : 'OVER'}   ${(p99 / TICK_MS).toFixed(2)} × tick`);
console.log(`  max                                       ${ms(samples.at(-1) ?? NaN).padStart(8)}`);
console.log(`  floor: the coalescing tick                ${ms(TICK_MS).padStart(8)}   (a change waits ${ms(TICK_MS / 2)} on average, ${ms(TICK_MS)} at worst)`);
process.exit(0);
