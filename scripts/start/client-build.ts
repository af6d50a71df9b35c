import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Builds the dashboard with Vite when dist/client is missing (`npm run build:client` rebuilds it on demand). */
export async function buildClientIfMissing(root: string, say: (msg: string) => void): Promise<void> {
  if (existsSync(path.join(root, 'dist', 'client', 'index.html'))) return;
  say('building the dashboard (vite build)…');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (exit ${code})`))));
  });
}
