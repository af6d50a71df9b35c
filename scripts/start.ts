/**
 * `npm start`: builds what is missing (maps, client), makes sure Redis answers (or starts a private one under .data/),
 * then runs the server and the workers (with the simulator) as child processes, and stops them all on Ctrl-C/SIGTERM.
 * `npm run start:server` and `npm run start:workers` run them one by one, N of each (docs/scale-out.md).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { config } from '../platform/config';
import { redisAnswers } from '../platform/redis';
import { prepareAssets } from './start/prepare';
import { startPrivateRedis, type PrivateRedis } from './start/private-redis';

const root = path.resolve(import.meta.dirname, '..');
const say = (msg: string) => console.log(`[ioc-live] ${msg}`);

const cfg = config();
await prepareAssets(root, say);

let privateRedis: PrivateRedis | undefined;
// with Sentinel or Cluster the Redis servers are run elsewhere: never start a private one in their place
if (!cfg.REDIS_SENTINELS && !cfg.REDIS_CLUSTER && !(await redisAnswers(cfg.REDIS_URL))) {
  privateRedis = await startPrivateRedis(cfg.REDIS_URL, path.resolve(root, cfg.DATA_DIR, 'redis'), say);
}

const children: ChildProcess[] = [];
function run(file: string, name: string, env: Record<string, string> = {}): ChildProcess {
  const child = fork(path.join(root, file), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited (${signal ?? code}); stopping everything`);
      void stopAll(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const kill = setTimeout(() => c.kill('SIGKILL'), 12_000);
          c.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
  await privateRedis?.stop();
  say('stopped');
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

const server = run('server/main.ts', 'server');
server.once('message', (m: { type?: string; port?: number; firstAdmin?: { username: string; password: string; generated: boolean } }) => {
  if (m?.type !== 'listening') return;
  const url = `http://${cfg.HOST === '0.0.0.0' ? '127.0.0.1' : cfg.HOST}:${m.port}`;
  // the workers start once the server listens, so the simulator posts to the port it really got (PORT=0 picks one)
  run('workers/main.ts', 'workers', cfg.INGEST_URL ? {} : { INGEST_URL: url });
  say(`IOC Live is running: ${url}/`);
  if (cfg.SIMULATOR === 'on') say('the simulator is feeding live data (SIMULATOR=off to stop it)');
  if (m.firstAdmin) {
    const { username, password, generated } = m.firstAdmin;
    say(`first sign-in: user '${username}', password ${generated ? `'${password}' (shown once: change it after signing in)` : 'from ADMIN_PASSWORD'}`);
  }
});
if (!existsSync(path.join(root, 'dist', 'client', 'index.html'))) say('warning: the client was not built');
