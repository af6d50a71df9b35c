import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { precompressDir } from './precompress';

describe('precompressDir', () => {
  it('writes .gz and .br copies of text files over the threshold that decompress to the original, and nothing else', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'precompress-'));
    const big = JSON.stringify({ features: Array.from({ length: 500 }, (_, i) => ({ code: String(i).padStart(5, '0') })) });
    writeFileSync(path.join(dir, 'national.geojson'), big);
    writeFileSync(path.join(dir, 'tiny.js'), 'export {};');
    writeFileSync(path.join(dir, 'font.woff2'), Buffer.alloc(4096, 7));
    expect(precompressDir(dir)).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['font.woff2', 'national.geojson', 'national.geojson.br', 'national.geojson.gz', 'tiny.js']);
    expect(gunzipSync(readFileSync(path.join(dir, 'national.geojson.gz'))).toString()).toBe(big);
    expect(brotliDecompressSync(readFileSync(path.join(dir, 'national.geojson.br'))).toString()).toBe(big);
  });

  it('makes only .gz copies when brotli is off', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'precompress-'));
    writeFileSync(path.join(dir, 'a.css'), 'body{color:red}'.repeat(200));
    precompressDir(dir, { brotli: false });
    expect(readdirSync(dir).sort()).toEqual(['a.css', 'a.css.gz']);
  });
});
