import fs from 'node:fs';
import path from 'node:path';
import { compressedCopies } from '../platform/precompress';
import { distFiles } from './paths';
import { GZIP_BUDGET_BYTES, type MapsManifest, type ManifestFile } from './manifest';
import type { BuiltMaps } from './pipeline';

/** A file's gzip copy, made once: it is what the server sends, and what the budget counts. */
function gzipOf(content: Buffer): Buffer {
  const [gz] = compressedCopies(content, false);
  if (!gz || gz.ext !== 'gz') throw new Error('no gzip copy');
  return gz.content;
}

/** The files of a build, by path relative to maps/dist, manifest excluded. */
function serialize(built: BuiltMaps): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const put = (name: string, value: unknown) => files.set(name, Buffer.from(JSON.stringify(value)));
  put(distFiles.units, built.units);
  put(distFiles.aliases, built.aliases);
  put(distFiles.national, built.layers.national);
  put(distFiles.labels, built.layers.labels);
  for (const [code, collection] of built.layers.provinces) put(distFiles.province(code), collection);
  return files;
}

function checkBudgets(files: Record<string, ManifestFile>): void {
  const over = Object.entries(files)
    .filter(([name]) => name === distFiles.national || name.startsWith('provinces/'))
    .filter(([, f]) => f.gzipBytes > GZIP_BUDGET_BYTES)
    .map(([name, f]) => `${name} ${f.gzipBytes} B`);
  if (over.length > 0) {
    throw new Error(`over the ${GZIP_BUDGET_BYTES} B gzip budget: ${over.join(', ')}; raise the intervals in maps/layers.build.ts`);
  }
}

/**
 * Writes a build into `distDir`: every file goes to a staging folder inside it, then is renamed into place, and
 * manifest.json comes last, so a reader that finds the manifest finds the files it lists. Files of an earlier build
 * that this one no longer lists are removed.
 */
export function writeDist(built: BuiltMaps, distDir: string): MapsManifest {
  const files = serialize(built);
  const gzipped = new Map([...files].map(([name, content]) => [name, gzipOf(content)] as const));
  const measured: Record<string, ManifestFile> = {};
  for (const [name, content] of files) measured[name] = { bytes: content.length, gzipBytes: gzipped.get(name)!.length };
  checkBudgets(measured);

  const manifest: MapsManifest = { ...built.manifest, builtAt: new Date().toISOString(), files: measured };
  const staging = path.join(distDir, `.staging-${process.pid}-${Date.now()}`);
  fs.mkdirSync(path.join(staging, 'provinces'), { recursive: true });
  try {
    for (const [name, content] of files) fs.writeFileSync(path.join(staging, name), content);
    // gzip copies beside them: the server sends these as they are instead of compressing ~1 MB on every request
    for (const [name, gz] of gzipped) fs.writeFileSync(path.join(staging, `${name}.gz`), gz);
    fs.writeFileSync(path.join(staging, distFiles.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.rmSync(path.join(distDir, distFiles.manifest), { force: true });
    fs.mkdirSync(path.join(distDir, 'provinces'), { recursive: true });
    for (const name of [...files.keys(), distFiles.manifest]) {
      fs.renameSync(path.join(staging, name), path.join(distDir, name));
      if (fs.existsSync(path.join(staging, `${name}.gz`))) fs.renameSync(path.join(staging, `${name}.gz`), path.join(distDir, `${name}.gz`));
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  for (const name of fs.readdirSync(path.join(distDir, 'provinces'))) {
    if (!files.has(`provinces/${name.replace(/\.gz$/, '')}`)) fs.rmSync(path.join(distDir, 'provinces', name), { force: true });
  }
  return manifest;
}
