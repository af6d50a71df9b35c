import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { redisAnswers } from '../../platform/redis';

/**
 * Settings for the series: a unit's history of 730 daily or 576 five-minute buckets stays a compact listpack instead
 * of a skiplist (Redis's default switches at 128 entries), about 44 instead of 125 bytes a bucket — 0.4 GB less for
 * the national data set; and a province's hashes (its communes' latest values, a commune-day of history) stay
 * listpacks for the largest provinces too (168 communes) (docs/performance.md, "Memory"; docs/redis.md says to set
 * both on a Redis of your own).
 */
export const SERIES_SETTINGS = ['--zset-max-listpack-entries', '1024', '--hash-max-listpack-entries', '256'];

export interface PrivateRedis {
  stop(): Promise<void>;
}

/**
 * Starts a Redis of our own at REDIS_URL's host and port, with AOF on and its data under .data/redis, as BullMQ and
 * DESIGN §5 want (appendfsync everysec, noeviction). Exits with what to install when redis-server is not on the PATH.
 */
export async function startPrivateRedis(url: string, dir: string, say: (msg: string) => void): Promise<PrivateRedis> {
  const u = new URL(url);
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(u.hostname);
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (!local || found.error) {
    console.error(
      `[ioc-live] nothing answers at ${url}${local ? ' and redis-server is not installed' : ''}.\n` +
        '  Install Redis ≥ 6.2 (Debian/Ubuntu: sudo apt-get install redis-server) and run npm start again,\n' +
        '  or set REDIS_URL to a Redis server that is running.',
    );
    process.exit(1);
  }
  mkdirSync(dir, { recursive: true });
  const port = u.port || '6379';
  say(`no Redis at ${url}: starting a private one (data in ${dir})`);
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', port, '--bind', u.hostname.replace(/^\[|\]$/g, '') === 'localhost' ? '127.0.0.1' : u.hostname.replace(/^\[|\]$/g, ''),
      '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction',
      '--save', '', '--daemonize', 'no', ...SERIES_SETTINGS],
    // its own process group: a Ctrl-C in the terminal reaches the server and workers, which close first
    { stdio: ['ignore', 'ignore', 'inherit'], detached: true },
  );
  for (let i = 0; i < 50 && !(await redisAnswers(url, 300)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await redisAnswers(url))) throw new Error(`the private Redis did not start on port ${port}`);
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
