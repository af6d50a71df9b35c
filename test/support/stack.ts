import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Redis } from 'ioredis';
import { keys, type Keys } from '../../store/keys';
import { dropPrefix } from './redis-prefix';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Every test stack starts with this admin password (ADMIN_PASSWORD), so tests can sign in. */
export const TEST_ADMIN_PASSWORD = 'test-admin-password-1';

export interface Stack {
  url: string;
  port: number;
  prefix: string;
  keys: Keys;
  redis: Redis;
  server: ChildProcess;
  workers: ChildProcess;
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  stopWorkers(): Promise<void>;
  /** SIGKILL, as a crash or the OOM killer would: no shutdown hook runs. Resolves once the process is gone. */
  killServer(): Promise<void>;
  killWorkers(): Promise<void>;
  /** Starts the workers again, optionally with other settings (e.g. a faster simulator). */
  startWorkers(env?: Record<string, string>): void;
  stop(): Promise<void>;
}

function spawnTs(file: string, env: Record<string, string>): ChildProcess {
  return fork(path.join(root, file), [], {
    execArgv: ['--import', 'tsx', ...(process.env.PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROF_DIR}`] : [])],
    env: { ...process.env, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * A real server and real workers as child processes, on their own key prefix (so tests never touch each other's
 * data or a running instance's), against the Redis at REDIS_URL (env's, else the test process's).
 */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const prefix = `t-${randomBytes(4).toString('hex')}`;
  const redisUrl = env.REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let port = Number(env.PORT ?? 0);
  // a test stack's simulator (when a test turns it on) plays no late province: by default one goes quiet for half of
  // every other hour, and a test that waits for all 34 would then fail at those times of day only
  // nor does it backfill a month of history unless a test asks for it (SIMULATOR_BACKFILL_DAYS)
  const base = { KEY_PREFIX: prefix, SIMULATOR: 'off', SIMULATOR_LATE_PROVINCE: 'none', SIMULATOR_BACKFILL_DAYS: '0', REDIS_URL: redisUrl, DELTA_TICK_MS: '100', ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...env };
  const stack: Stack = {
    url: '',
    port,
    prefix,
    keys: keys(prefix),
    redis: new Redis(redisUrl).on('error', () => undefined), // a fault test stops Redis: its reconnects are expected
    server: undefined as unknown as ChildProcess,
    workers: undefined as unknown as ChildProcess,
    async startServer() {
      const server = spawnTs('server/main.ts', { ...base, PORT: String(port) });
      stack.server = server;
      port = await new Promise<number>((resolve, reject) => {
        server.on('message', (m: { type?: string; port?: number }) => m?.type === 'listening' && resolve(m.port!));
        server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
      stack.port = port;
      stack.url = `http://127.0.0.1:${port}`;
    },
    async stopServer() {
      await exited(stack.server);
    },
    async stopWorkers() {
      await exited(stack.workers);
    },
    killServer: () => killed(stack.server),
    killWorkers: () => killed(stack.workers),
    startWorkers(more = {}) {
      stack.workers = spawnTs('workers/main.ts', { ...base, PORT: String(stack.port), INGEST_URL: stack.url, ...more });
    },
    async stop() {
      await Promise.all([exited(stack.server), exited(stack.workers)]);
      await dropPrefix(stack.redis, prefix);
      stack.redis.disconnect();
    },
  };
  await stack.startServer();
  stack.startWorkers();
  return stack;
}
