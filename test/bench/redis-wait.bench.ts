/**
 * What WAIT costs an ingest receipt (docs/redis.md, REDIS_WAIT_REPLICAS): platform/queues.ts enqueueBatch, as the
 * API calls it before answering 202, on a primary with one replica (both of this bench's own, on loopback), with
 * REDIS_WAIT_REPLICAS=0 and =1. Batches of BATCH observations, IN_FLIGHT at a time. Prints receipts/s, obs/s and the
 * receipt's p50/p99 for each, and the ratios. Asserts nothing.
 *
 *   npx tsx test/bench/redis-wait.bench.ts
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { startTestRedis } from '../support/private-redis';

const BATCH = 1000;
const JOBS = 600;
const IN_FLIGHT = 4;

interface Figures {
  receiptsPerSec: number;
  obsPerSec: number;
  p50: number;
  p99: number;
}

/** One run, in a process of its own (config() is read once per process): queue JOBS batches, time each receipt. */
async function child(): Promise<void> {
  const { enqueueBatch, openIngestQueue } = await import('../../platform/queues');
  const queue = openIngestQueue();
  await queue.waitUntilReady();
  const observations = Array.from({ length: BATCH }, (_, i) => ({
    indicator: 'dossier_on_time_rate',
    unit: String(10000 + i),
    period: '2026-12-07',
    num: i % 100,
    den: 100,
    observedAt: Date.now(),
  }));
  const ms: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < JOBS) {
        const n = next++;
        const t = performance.now();
        await enqueueBatch(queue, { source: 'bench', batchId: `wait-${n}`, receivedAt: Date.now(), observations });
        ms.push(performance.now() - t);
      }
    }),
  );
  const s = (performance.now() - t0) / 1000;
  ms.sort((a, b) => a - b);
  const figures: Figures = { receiptsPerSec: JOBS / s, obsPerSec: (JOBS * BATCH) / s, p50: ms[Math.floor(ms.length / 2)]!, p99: ms[Math.floor(ms.length * 0.99)]! };
  console.log(JSON.stringify(figures));
  await queue.obliterate({ force: true });
  await queue.close();
  process.exit(0);
}

async function main(): Promise<void> {
  const primary = await startTestRedis();
  const replica = await startTestRedis({ args: ['--replicaof', '127.0.0.1', String(primary.port)] });
  try {
    for (let i = 0; i < 100 && !/slave0:.*state=online/.test(spawnSync('redis-cli', ['-p', String(primary.port), 'info', 'replication'], { encoding: 'utf8' }).stdout); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const run = (replicas: number, prefix: string): Figures => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename], {
        encoding: 'utf8',
        env: { ...process.env, WAIT_BENCH_CHILD: '1', REDIS_URL: primary.url, KEY_PREFIX: prefix, REDIS_WAIT_REPLICAS: String(replicas), LOG_LEVEL: 'warn' },
      });
      const line = r.stdout.trim().split('\n').at(-1) ?? '';
      if (r.status !== 0 || !line.startsWith('{')) throw new Error(`run with WAIT ${replicas} failed: ${r.stdout}${r.stderr}`);
      return JSON.parse(line) as Figures;
    };
    // alternate, twice each, and keep each one's best: the machine is shared
    const plain: Figures[] = [];
    const waited: Figures[] = [];
    for (let round = 0; round < 2; round++) {
      plain.push(run(0, `bench-wait0-${round}`));
      waited.push(run(1, `bench-wait1-${round}`));
    }
    const best = (xs: Figures[]) => xs.reduce((a, b) => (b.receiptsPerSec > a.receiptsPerSec ? b : a));
    const [p, w] = [best(plain), best(waited)];
    console.log(`WAIT cost (${os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)}), ${JOBS} batches of ${BATCH} observations, ${IN_FLIGHT} in flight, one replica on loopback`);
    const row = (label: string, f: Figures) =>
      `${label.padEnd(22)} ${f.receiptsPerSec.toFixed(0).padStart(6)} receipts/s ${f.obsPerSec.toFixed(0).padStart(9)} obs/s  p50 ${f.p50.toFixed(2)} ms  p99 ${f.p99.toFixed(2)} ms`;
    console.log(row('REDIS_WAIT_REPLICAS=0', p));
    console.log(row('REDIS_WAIT_REPLICAS=1', w));
    console.log(`ratio WAIT/no WAIT: receipts/s ×${(w.receiptsPerSec / p.receiptsPerSec).toFixed(2)}, p50 ×${(w.p50 / p.p50).toFixed(2)}, p99 ×${(w.p99 / p.p99).toFixed(2)}`);
  } finally {
    await replica.dispose();
    await primary.dispose();
  }
}

await (process.env.WAIT_BENCH_CHILD ? child() : main());
