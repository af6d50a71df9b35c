import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
export async function startTestRedis(): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'ioc-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec',
    '--maxmemory-policy', 'noeviction', '--save', '', '--daemonize', 'no'];

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
    async dispose() {
      await redis.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await redis.start();
  return redis;
}
