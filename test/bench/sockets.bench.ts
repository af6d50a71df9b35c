/**
 * `npm run bench:sockets`: how many subscribed sockets one server process holds with every socket getting every
 * tick's coalesced `metrics:delta`, none dropped, beside a raw `ws` broadcast of the same frame bytes to as many raw
 * clients, measured in the same run. Steps 1k → 5k → 10k → 20k sockets (BENCH_SOCKETS caps it; so does the
 * process's open-file limit, which one server process needs a descriptor per socket from).
 * At each step: the Socket.io sockets (CHILDREN client processes, source addresses 127.0.0.1–4) all subscribe to the
 * national view; TICKS single-observation batches are posted, one every BENCH_GAP_TICKS (3) ticks, each in another province and observed
 * at `base + marker`, so a delta names the batch it carries. Then the raw server sends the same frame (the marker
 * swapped) as often. Per broadcast: sockets that got it, and first → last arrival; deliveries/s = sockets / that
 * spread (median over the broadcasts), the same measure for both. Loopback only; bounded by BENCH_DEADLINE_S.
 * Prints figures and ratios; asserts nothing. BENCH_CPU_PROF=dir writes the server's CPU profile there.
 */
import { execSync, fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { currentPeriod } from '../../core/time/period';
import { ensureMaps } from '../../maps/ensure';
import { loadDomain } from '../../platform/domain';
import { newSource, postBatch } from '../support/ingest-client';
import { signIn } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD } from '../support/stack';
import { percentile } from './percentile';
import type { ClientCommand, ClientReport } from './socket-clients';

const TICK_MS = Number(process.env.DELTA_TICK_MS ?? 100);
const TICKS = Number(process.env.BENCH_TICKS ?? 20);
/** Broadcasts are this many ticks apart, so each is its own tick's delta (not two batches coalesced). */
const GAP_TICKS = Number(process.env.BENCH_GAP_TICKS ?? 3);
const CHILDREN = Number(process.env.BENCH_CLIENT_PROCESSES ?? 2);
const DEADLINE_S = Number(process.env.BENCH_DEADLINE_S ?? 600);
const ADDRESSES = ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4'];
const INDICATOR = 'dossier_received_count';
const fdLimit = Number(execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim());
const asked = Number(process.env.BENCH_SOCKETS ?? 20_000);
// the server's own descriptors (Redis connections, the listening socket, files) come out of the same limit
const max = Math.min(asked, fdLimit - 200);
const steps = [...new Set([1000, 5000, 10_000, 20_000].filter((n) => n < max).concat(max))];
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

setTimeout(() => {
  console.error(`bench:sockets: past its ${DEADLINE_S} s bound; stopping`);
  process.exit(1);
}, DEADLINE_S * 1000).unref();

await ensureMaps();
const domain = loadDomain();
const period = currentPeriod('day', Date.now());
const provinces = domain.registry.all('province');
const communeOf = provinces.map((p) => domain.registry.children(p.code)[0]!.code);
const base = Date.now() - 60_000;
let marker = 0;

const profile = process.env.BENCH_CPU_PROF;
const stack = await startStack({
  LOG_LEVEL: 'error',
  DELTA_TICK_MS: String(TICK_MS),
  ...(profile ? { NODE_OPTIONS: `--import ${path.join(import.meta.dirname, 'cpu-profile.preload.mjs')}`, CPUPROF_DIR: path.resolve(profile) } : {}),
});
const token = await newSource(stack.redis, stack.keys, 'bench-sockets');
const { cookie } = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);

function child(file: string): ChildProcess {
  return fork(path.join(import.meta.dirname, file), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}
function reply<T>(c: ChildProcess, type: string, send?: unknown): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type?: string }) => {
      if (m?.type !== type) return;
      c.off('message', on);
      resolve(m as T);
    };
    c.on('message', on);
    if (send) c.send(send as object);
  });
}
const raw = child('raw-ws-server.ts');
const rawPort = (await reply<{ port: number }>(raw, 'listening')).port;
const clients = Array.from({ length: CHILDREN }, () => child('socket-clients.ts'));
await Promise.all(clients.map((c) => reply(c, 'ready')));
const all = <T>(type: string, m: ClientCommand | ((i: number) => ClientCommand)) => Promise.all(clients.map((c, i) => reply<T>(c, type, typeof m === 'function' ? m(i) : m)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Phase {
  open: number;
  complete: number;
  fewest: number;
  dropped: number;
  /** First → last arrival per broadcast (ms), ascending. */
  spreads: number[];
  connectS: number;
  frame?: string;
}

/** Opens n sockets of `kind`, runs TICKS broadcasts (`send(marker)` makes one), waits for them to land, closes. */
async function phase(kind: 'sio' | 'ws', n: number, send: (m: number) => Promise<void>): Promise<Phase> {
  const url = kind === 'sio' ? stack.url : `ws://127.0.0.1:${rawPort}`;
  const tOpen = performance.now();
  await all('opened', (i) => ({ type: 'open', kind, url, count: Math.floor(n / CHILDREN) + (i < n % CHILDREN ? 1 : 0), cookie, base, addresses: ADDRESSES, scope: 'VN', indicator: INDICATOR }));
  const connectS = (performance.now() - tOpen) / 1000;
  await sleep(1000);
  await all('reset', { type: 'reset' });
  const markers: number[] = [];
  for (let k = 0; k < TICKS; k++) {
    const m = marker++;
    markers.push(m);
    await send(m);
    await sleep(GAP_TICKS * TICK_MS);
  }
  let reports: ClientReport[] = [];
  for (const until = performance.now() + 20_000; performance.now() < until; await sleep(500)) {
    reports = await all<ClientReport>('report', { type: 'report', markers });
    if (reports.reduce((s, r) => s + r.complete, 0) === n) break;
  }
  const spreads = markers
    .map((_, i) => {
      const a = reports.map((r) => r.arrivals[i]!).filter((x) => x.sockets > 0);
      return Math.max(...a.map((x) => x.last)) - Math.min(...a.map((x) => x.first));
    })
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const out: Phase = {
    open: reports.reduce((s, r) => s + r.open, 0),
    complete: reports.reduce((s, r) => s + r.complete, 0),
    fewest: Math.min(...reports.map((r) => r.fewest)),
    dropped: reports.reduce((s, r) => s + r.dropped, 0),
    spreads,
    connectS,
    frame: reports.find((r) => r.frame)?.frame,
  };
  await all('closed', { type: 'close' });
  await sleep(1000);
  return out;
}

const postMarker = async (m: number) => {
  const unit = communeOf[m % communeOf.length]!;
  const res = await postBatch(stack.url, token, { batchId: `sockets-${m}`, observations: [{ indicator: INDICATOR, unit, period, observedAt: base + m, value: m + 1 }] });
  if (res.status !== 202) console.error(`marker ${m}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
};

console.log(`\nsockets benchmark — one server process, clients in ${CHILDREN} processes, ${TICKS} broadcasts per step, tick ${TICK_MS} ms, loopback, ${(await import('node:os')).cpus().length} cores, open-file limit ${fmt(fdLimit)}`);
if (max < asked) console.log(`  (top step ${fmt(max)}, not ${fmt(asked)}: one server process needs a descriptor per socket, and its limit is ${fmt(fdLimit)})`);
console.log(`  ${'sockets'.padStart(7)} | ${'socket.io: all ticks'.padEnd(22)} ${'dropped'.padStart(7)} ${'spread p50/max'.padStart(15)} ${'deliv/s'.padStart(10)} | ${'raw ws: all'.padEnd(12)} ${'spread p50/max'.padStart(15)} ${'deliv/s'.padStart(10)} | ratio`);
let largest = 0;
let lastFrame: string | undefined;
for (const n of steps) {
  const sio = await phase('sio', n, postMarker);
  lastFrame = sio.frame ?? lastFrame;
  if (!lastFrame) {
    console.log(`  ${fmt(n).padStart(7)} | no delta arrived (${fmt(sio.open)} open); stopping`);
    break;
  }
  const template = lastFrame;
  const old = /"observedAt":(\d+)/.exec(template)![1]!;
  const sendMs: number[] = [];
  const ws = await phase('ws', n, async (m) => {
    const sent = await reply<{ ms: number }>(raw, 'sent', { type: 'broadcast', frame: template.replaceAll(`"observedAt":${old}`, `"observedAt":${base + m}`) });
    sendMs.push(sent.ms);
  });
  sendMs.sort((a, b) => a - b);
  const rate = (p: Phase) => (p.spreads.length ? n / (Math.max(1, percentile(p.spreads, 0.5)) / 1000) : Number.NaN);
  const spread = (p: Phase) => `${fmt(percentile(p.spreads, 0.5))}/${fmt(p.spreads.at(-1) ?? Number.NaN)} ms`;
  const ok = sio.complete === n && sio.dropped === 0;
  if (ok) largest = n;
  console.log(
    `  ${fmt(n).padStart(7)} | ${`${fmt(sio.complete)} of ${fmt(n)}${ok ? '' : ` (fewest ${sio.fewest}/${TICKS})`}`.padEnd(22)} ${fmt(sio.dropped).padStart(7)} ${spread(sio).padStart(15)} ${fmt(rate(sio)).padStart(10)} | ${`${fmt(ws.complete)} of ${fmt(n)}`.padEnd(12)} ${spread(ws).padStart(15)} ${fmt(rate(ws)).padStart(10)} | ${(rate(sio) / rate(ws)).toFixed(2)}   (raw send loop ${fmt(percentile(sendMs, 0.5))} ms; connect ${sio.connectS.toFixed(1)} s / ${ws.connectS.toFixed(1)} s)`,
  );
}
console.log(`  largest step with every socket getting every tick, none dropped: ${fmt(largest)}   goal 20,000 at ≥ 0.5 of raw ws`);
console.log(`  frame: ${lastFrame ? `${fmt(Buffer.byteLength(lastFrame))} bytes` : 'none'}`);

for (const c of clients) c.kill();
raw.kill();
await stack.stop();
process.exit(0);
