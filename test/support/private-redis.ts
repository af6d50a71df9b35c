import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { redisAnswers } from '../../platform/redis';

/** A free loopback port (the OS picks it), so a process can come back on the same one after a restart. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
    s.once('error', reject);
  });
}

export interface TestRedis {
  url: string;
  port: number;
  dir: string;
  /** True while its process runs. */
  readonly running: boolean;
  /** A clean shutdown (`redis-cli shutdown`: the AOF is flushed), resolved once the process is gone. */
  shutdown(): Promise<void>;
  /** SIGKILL, as a crash would: nothing is flushed or sent on to replicas. Resolved once the process is gone. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: the process holds still (its sockets stay open) and then goes on, as a stalled host does. */
  pause(): void;
  resume(): void;
  /** Starts it again on the same port with the same dir and settings; resolves once it answers (AOF loaded). */
  start(): Promise<void>;
  /** Shuts it down and removes its dir. */
  dispose(): Promise<void>;
}

/**
 * A Redis of a test's own, on a free loopback port with its data in a temp dir, configured as `npm start`'s private
 * Redis is (scripts/start/private-redis.ts): AOF on, appendfsync everysec, noeviction, no RDB snapshots. A fault test
 * can shut it down and start it again without touching the shared Redis the other tests use.
 */
export async function startTestRedis(options: { args?: string[] } = {}): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'ioc-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec',
    '--maxmemory-policy', 'noeviction', '--save', '', '--daemonize', 'no', ...(options.args ?? [])];
  return runTestRedis(port, dir, args);
}

/** A redis-server (or sentinel) of a test's own with these arguments, started and answering. */
async function runTestRedis(port: number, dir: string, args: string[]): Promise<TestRedis> {
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const gone = (c: ChildProcess | undefined) =>
    new Promise<void>((resolve) => {
      if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
    });

  const redis: TestRedis = {
    url,
    port,
    dir,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    async start() {
      const c = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'inherit'] });
      child = c;
      const until = Date.now() + 15_000;
      while (!(await redisAnswers(url, 300))) {
        if (c.exitCode !== null) throw new Error(`redis-server on port ${port} exited with ${c.exitCode}`);
        if (Date.now() > until) throw new Error(`redis-server on port ${port} did not answer within 15 s`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async shutdown() {
      const c = child;
      if (!c || c.exitCode !== null) return;
      const done = gone(c);
      spawnSync('redis-cli', ['-p', String(port), 'shutdown'], { stdio: 'ignore' });
      await done;
    },
    async kill() {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const done = gone(c);
      c.kill('SIGKILL');
      await done;
    },
    pause() {
      child?.kill('SIGSTOP');
    },
    resume() {
      child?.kill('SIGCONT');
    },
    async dispose() {
      await redis.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await redis.start();
  return redis;
}

/**
 * Sentinels of a test's own watching the primary at `primaryPort` as `name`, quick to act: a primary is down after
 * `downAfterMs` without an answer, and a failover may take `failoverTimeoutMs`. Quorum: a majority of them.
 */
export async function startTestSentinels(
  primaryPort: number,
  count = 3,
  { name = 'mymaster', downAfterMs = 1000, failoverTimeoutMs = 3000 } = {},
): Promise<TestRedis[]> {
  const quorum = Math.floor(count / 2) + 1;
  return Promise.all(
    Array.from({ length: count }, async () => {
      const port = await freePort();
      const dir = mkdtempSync(path.join(tmpdir(), 'ioc-sentinel-'));
      // a sentinel rewrites its own config file (what it learns of replicas and other sentinels): one each
      const conf = path.join(dir, 'sentinel.conf');
      writeFileSync(
        conf,
        [`port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, `sentinel monitor ${name} 127.0.0.1 ${primaryPort} ${quorum}`,
          `sentinel down-after-milliseconds ${name} ${downAfterMs}`, `sentinel failover-timeout ${name} ${failoverTimeoutMs}`,
          `sentinel parallel-syncs ${name} 1`, ''].join('\n'),
      );
      return runTestRedis(port, dir, [conf, '--sentinel']);
    }),
  );
}

/** A Redis Cluster of `primaries` primaries (no replicas) on free loopback ports, its slots assigned and agreed on. */
export async function startTestCluster(primaries = 3): Promise<TestRedis[]> {
  const nodes = await Promise.all(
    Array.from({ length: primaries }, () =>
      startTestRedis({ args: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '3000'] }),
    ),
  );
  const created = spawnSync('redis-cli', ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
  const until = Date.now() + 30_000;
  for (;;) {
    const states = nodes.map((n) => spawnSync('redis-cli', ['-p', String(n.port), 'cluster', 'info'], { encoding: 'utf8' }).stdout);
    if (states.every((s) => s.includes('cluster_state:ok'))) return nodes;
    if (Date.now() > until) throw new Error(`the test cluster did not agree within 30 s:\n${states.join('\n')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
