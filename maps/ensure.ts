import fs from 'node:fs';
import path from 'node:path';
import { withBuildLock } from './build-lock';
import { BUILDER_VERSION, isManifest, type MapsManifest } from './manifest';
import { distFiles, mapsDistDir, resolveMapsSrc } from './paths';
import type { Log } from './pipeline';
import { locateSource, sourceVersion } from './source.read';

export { mapsDistDir } from './paths';

export interface EnsureMapsOptions {
  log?: Log;
}

function readManifest(distDir: string): MapsManifest | null {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(path.join(distDir, distFiles.manifest), 'utf8'));
    return isManifest(value) ? value : null;
  } catch {
    return null;
  }
}

/** Why the dist folder must be (re)built, or null when it is complete and current. */
function staleReason(distDir: string, src: string): string | null {
  const manifest = readManifest(distDir);
  if (!manifest) return 'no manifest.json';
  if (manifest.builder !== BUILDER_VERSION) return `built by builder ${manifest.builder}, this is ${BUILDER_VERSION}`;
  if (fs.existsSync(src)) {
    const current = sourceVersion(locateSource(src));
    if (manifest.version !== current) return `built from ${manifest.version}, the source is ${current}`;
  }
  const required = [distFiles.units, distFiles.aliases, distFiles.national, distFiles.labels];
  const missing = [...new Set([...required, ...Object.keys(manifest.files)])].filter((name) => !fs.existsSync(path.join(distDir, name)));
  return missing.length > 0 ? `missing ${missing.slice(0, 5).join(', ')}` : null;
}

async function build(src: string, log: Log): Promise<MapsManifest> {
  const started = Date.now();
  // Loaded on demand: mapshaper is large, and most calls find maps/dist complete.
  const [{ buildMaps }, { writeDist }] = await Promise.all([import('./pipeline'), import('./dist.write')]);
  const built = await buildMaps(src, log);
  const manifest = writeDist(built, mapsDistDir);
  log(`maps: wrote ${Object.keys(manifest.files).length + 1} files to ${mapsDistDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return manifest;
}

/** Builds maps/dist now, whatever is there (`npm run maps`). Throws MissingMapsSourceError without the source. */
export async function rebuildMaps(options: EnsureMapsOptions = {}): Promise<MapsManifest> {
  const log = options.log ?? (() => {});
  const src = resolveMapsSrc();
  locateSource(src); // fail before taking the lock
  return withBuildLock(mapsDistDir, () => build(src, log), () => log('maps: waiting for another build of maps/dist'));
}

let pending: Promise<string> | null = null;

/**
 * Returns maps/dist, building it first when it is missing, incomplete, or was built from another source version or by
 * another version of the pipeline. Several processes may call it at once: one builds, the others wait for it.
 * Throws MissingMapsSourceError (saying where to get the data) when it must build and the source folder is missing.
 */
export function ensureMaps(options: EnsureMapsOptions = {}): Promise<string> {
  pending ??= ensureOnce(options.log ?? (() => {})).catch((error: unknown) => {
    pending = null;
    throw error;
  });
  return pending;
}

async function ensureOnce(log: Log): Promise<string> {
  const src = resolveMapsSrc();
  const reason = staleReason(mapsDistDir, src);
  if (reason === null) return mapsDistDir;
  locateSource(src); // throws with where to get the data
  log(`maps: building maps/dist (${reason})`);
  await withBuildLock(
    mapsDistDir,
    async () => {
      if (staleReason(mapsDistDir, src) !== null) await build(src, log); // another process may have built it meanwhile
    },
    () => log('maps: waiting for another build of maps/dist'),
  );
  return mapsDistDir;
}
