import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { keys, type Keys } from '../../store/keys';
import { exited, killed, listening, spawnTs } from './processes';
import { dropPrefix } from './redis-prefix';
import { stackEnv } from './stack';

export interface InstallationServer {
  url: string;
  port: number;
  child: ChildProcess;
}

/**
 * N servers and N worker processes of one installation on one Redis (docs/scale-out.md), on their own key prefix, as
 * `npm run start:server` and `npm run start:workers` run them: same settings, each server on its own port. Worker i
 * posts its simulator's batches to server i mod N (INGEST_URL).
 */
export interface Installation {
  prefix: string;
  keys: Keys;
  redis: Redis;
  servers: InstallationServer[];
  /** The worker processes started, in order (killed ones stay listed, with their exit code). */
  workers: ChildProcess[];
  /** Starts one more worker process (optionally with other settings), posting to the next server in turn. */
  startWorker(env?: Record<string, string>): ChildProcess;
  /** SIGKILL of one worker process: no shutdown hook runs (its leases stay until they expire). */
  killWorker(child: ChildProcess): Promise<void>;
  stop(): Promise<void>;
}

export async function startInstallation(o: { servers: number; workers: number; env?: Record<string, string> }): Promise<Installation> {
  const prefix = `t-${randomBytes(4).toString('hex')}`;
  const env = o.env ?? {};
  const redisUrl = env.REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const base = stackEnv(prefix, redisUrl, env);
  const installation: Installation = {
    prefix,
    keys: keys(prefix),
    redis: new Redis(redisUrl).on('error', () => undefined),
    servers: [],
    workers: [],
    startWorker(more = {}) {
      const server = installation.servers[installation.workers.length % installation.servers.length]!;
      const child = spawnTs('workers/main.ts', { ...base, PORT: String(server.port), INGEST_URL: server.url, ...more });
      installation.workers.push(child);
      return child;
    },
    killWorker: (child) => killed(child),
    async stop() {
      await Promise.all([...installation.servers.map((s) => exited(s.child)), ...installation.workers.map(exited)]);
      await dropPrefix(installation.redis, prefix);
      installation.redis.disconnect();
    },
  };
  // started together, as an orchestrator would: one of them makes the first admin
  const children = Array.from({ length: o.servers }, () => spawnTs('server/main.ts', { ...base, PORT: '0' }));
  const ports = await Promise.allSettled(children.map(listening));
  children.forEach((child, i) => {
    const p = ports[i]!;
    installation.servers.push({ url: p.status === 'fulfilled' ? `http://127.0.0.1:${p.value}` : '', port: p.status === 'fulfilled' ? p.value : 0, child });
  });
  const failed = ports.find((p) => p.status === 'rejected');
  if (failed) {
    await installation.stop();
    throw failed.reason;
  }
  for (let i = 0; i < o.workers; i++) installation.startWorker();
  return installation;
}
