import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** Child processes of the test stacks: a TypeScript entry run with tsx, and its two ways to end. */
const root = path.resolve(import.meta.dirname, '..', '..');

export function spawnTs(file: string, env: Record<string, string>): ChildProcess {
  return fork(path.join(root, file), [], {
    // PROF_DIR=dir: the processes run under --cpu-prof (NODE_OPTIONS refuses that flag), for profiling a benchmark
    execArgv: ['--import', 'tsx', ...(process.env.PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROF_DIR}`] : [])],
    env: { ...process.env, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** SIGKILL, as a crash or the OOM killer would: no shutdown hook runs. Resolves once the process is gone. */
export function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** SIGTERM, then SIGKILL after 10 s. Resolves once the process is gone. */
export function exited(child: ChildProcess): Promise<void> {
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

/** A server's port, once it says it listens (its IPC message); rejects when it exits first. */
export function listening(server: ChildProcess): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.on('message', (m: { type?: string; port?: number }) => m?.type === 'listening' && resolve(m.port!));
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}
