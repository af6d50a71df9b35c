import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const STALE_AFTER_MS = 15 * 60_000;
const POLL_MS = 500;

interface Owner {
  pid: number;
  startedAt: number;
}

function readOwner(lockDir: string): Owner | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(lockDir, 'owner.json'), 'utf8')) as Owner;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock whose owner has exited, or that is older than any build takes. */
function isStale(lockDir: string): boolean {
  const owner = readOwner(lockDir);
  if (owner) return !isAlive(owner.pid) || Date.now() - owner.startedAt > STALE_AFTER_MS;
  try {
    return Date.now() - fs.statSync(lockDir).mtimeMs > 10_000; // created but never written: its owner died
  } catch {
    return false; // released meanwhile
  }
}

/**
 * Runs `fn` while holding a lock directory inside `distDir`, so that processes started together (test workers, the
 * start script) build maps/dist once, one after the other, instead of all at once.
 */
export async function withBuildLock<T>(distDir: string, fn: () => Promise<T>, onWait?: () => void): Promise<T> {
  const lockDir = path.join(distDir, '.build.lock');
  fs.mkdirSync(distDir, { recursive: true });
  let waited = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (isStale(lockDir)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!waited) onWait?.();
      waited = true;
      await sleep(POLL_MS);
    }
  }
  const owner: Owner = { pid: process.pid, startedAt: Date.now() };
  fs.writeFileSync(path.join(lockDir, 'owner.json'), JSON.stringify(owner));
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
