import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { redisAnswers } from '../../platform/redis';
import { eventually } from '../support/ingest-client';
import { signIn } from '../support/session-client';

const root = path.resolve(import.meta.dirname, '..', '..');
const started: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function descendants(pid: number): number[] {
  let out: string;
  try {
    out = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const kids = out.split('\n').filter(Boolean).map(Number);
  return kids.flatMap((k) => [k, ...descendants(k)]);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** `npm start` as a newcomer runs it (node + tsx, the same entry as the npm script), with output captured. */
function start(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let text = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  started.push(child);
  return { child, output: () => text };
}

afterAll(() => {
  // a failed run must not leave the server, workers and Redis behind: kill the whole family, not only `npm start`
  for (const c of started) {
    if (c.exitCode !== null) continue;
    const family = descendants(c.pid!);
    c.kill('SIGKILL');
    for (const p of family) if (alive(p)) process.kill(p, 'SIGKILL');
  }
});

describe('npm start: the embedded default', () => {
  it('starts a private Redis with AOF under DATA_DIR, serves live simulator data, and stops everything on SIGTERM', async () => {
    const redisPort = await freePort();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ioc-data-'));
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    const { child, output } = start({ PORT: '0', REDIS_URL: redisUrl, DATA_DIR: dataDir, SIMULATOR: 'on', SIMULATOR_RATE: '200', SIMULATOR_LATE_PROVINCE: 'none', KEY_PREFIX: 'start-test', ADMIN_PASSWORD: '' });
    const url = await eventually(async () => /IOC Live is running: (http:\/\/\S+?)\/?\s/.exec(output())?.[1], 120_000, 200);
    expect(output()).toMatch(/starting a private one/);
    expect(await redisAnswers(redisUrl)).toBe(true);
    const aof = path.join(dataDir, 'redis');
    expect(readdirSync(aof).some((f) => f.startsWith('appendonly'))).toBe(true);

    // the first start prints the admin's one-time password, which signs in
    const password = /first sign-in: user 'admin', password '([^']+)'/.exec(output())?.[1];
    expect(password).toBeDefined();
    const { cookie } = await signIn(url, 'admin', password!);
    // the simulator's first sweep fills the national view through the real ingest API (no province is playing late:
    // by default one goes quiet for half of every other hour, and then only 33 would report)
    const provinces = await eventually(async () => {
      const res = await fetch(`${url}/api/v1/views?scope=VN&indicators=dossier_on_time_rate`, { headers: { cookie } });
      const body = (await res.json()) as { values: { unit: string }[] };
      const n = body.values.filter((v) => /^\d{2}$/.test(v.unit)).length;
      return n === 34 ? n : undefined;
    }, 180_000, 500);
    expect(provinces).toBe(34);
    const page = await fetch(`${url}/`);
    expect(await page.text()).toMatch(/<div id="app">|<html lang="vi"/);

    const family = descendants(child.pid!);
    expect(family.length).toBeGreaterThanOrEqual(3);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await eventually(async () => (family.every((p) => !alive(p)) ? true : undefined), 15_000);
    expect(family.filter(alive)).toEqual([]);
    expect(await redisAnswers(redisUrl)).toBe(false);
    expect(output()).toMatch(/stopped/);
  }, 300_000);

  it('says what to install when nothing answers at REDIS_URL and redis-server is not on the PATH', async () => {
    const redisPort = await freePort();
    const { child, output } = start({ PORT: '0', REDIS_URL: `redis://127.0.0.1:${redisPort}`, PATH: '/nonexistent', SIMULATOR: 'off' });
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(output()).toMatch(/redis-server is not installed/);
    expect(output()).toMatch(/apt-get install redis-server/);
  });
});
