// `npm run maps`: rebuilds maps/dist from the boundary source (../shared/maps-src, or env MAPS_SRC).
import { rebuildMaps } from './ensure';
import { GZIP_BUDGET_BYTES } from './manifest';
import { mapsDistDir } from './paths';

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

try {
  const started = Date.now();
  const manifest = await rebuildMaps({ log: (message) => console.log(message) });
  const files = Object.entries(manifest.files);
  const national = manifest.files['national.geojson'];
  const provinces = files.filter(([name]) => name.startsWith('provinces/')).sort(([, a], [, b]) => b.gzipBytes - a.gzipBytes);
  const [largestName, largest] = provinces[0] ?? ['none', { bytes: 0, gzipBytes: 0 }];
  console.log(`maps: ${manifest.version} → ${mapsDistDir}`);
  console.log(`maps: national.geojson ${kB(national?.bytes ?? 0)}, ${kB(national?.gzipBytes ?? 0)} gzipped`);
  console.log(`maps: largest province layer ${largestName}: ${kB(largest.bytes)}, ${kB(largest.gzipBytes)} gzipped (budget ${kB(GZIP_BUDGET_BYTES)})`);
  console.log(`maps: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
