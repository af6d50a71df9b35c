import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Files worth compressing ahead of time: text formats the server sends again and again. */
const TEXT = /\.(?:m?js|css|html|json|geojson|svg|txt|map)$/;

/** The compressed copies of a file's content: `.gz` always, `.br` when asked (slower to make, ~15 % smaller). */
export function compressedCopies(content: Buffer, brotli: boolean): { ext: 'gz' | 'br'; content: Buffer }[] {
  const out: { ext: 'gz' | 'br'; content: Buffer }[] = [{ ext: 'gz', content: gzipSync(content, { level: 9 }) }];
  if (brotli) {
    out.push({
      ext: 'br',
      content: brotliCompressSync(content, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
      }),
    });
  }
  return out;
}

/**
 * Writes `name.gz` (and `name.br`) next to every text file of `dir` over `minBytes`, so the server sends built files
 * compressed without compressing them on every request (express-static-gzip picks the copy). Returns the count.
 */
export function precompressDir(dir: string, { brotli = true, minBytes = 1024 } = {}): number {
  let n = 0;
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(dir, entry);
    if (!TEXT.test(file) || !statSync(file).isFile() || statSync(file).size < minBytes) continue;
    for (const copy of compressedCopies(readFileSync(file), brotli)) writeFileSync(`${file}.${copy.ext}`, copy.content);
    n += 1;
  }
  return n;
}
