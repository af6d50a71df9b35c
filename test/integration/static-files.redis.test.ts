import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapsDistDir } from '../../maps/ensure';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** A raw GET (node:http: fetch would decompress), so the test sees the bytes that went over the wire. */
function rawGet(url: string, acceptEncoding: string): Promise<{ status: number; encoding: string | null; vary: string | null; type: string | null; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h = (name: string) => (res.headers[name] as string | undefined) ?? null;
        resolve({ status: res.statusCode ?? 0, encoding: h('content-encoding'), vary: h('vary'), type: h('content-type'), bytes: Buffer.concat(chunks) });
      });
    }).on('error', reject);
  });
}

describe('built files go out compressed ahead of time', () => {
  it('sends the national layer as its .gz copy to a browser that takes gzip, and plain to one that does not', async () => {
    const plain = readFileSync(path.join(mapsDistDir, 'national.geojson'));
    const gz = readFileSync(path.join(mapsDistDir, 'national.geojson.gz'));
    const zipped = await rawGet(`${stack.url}/maps/national.geojson`, 'gzip');
    expect(zipped).toMatchObject({ status: 200, encoding: 'gzip' });
    expect(zipped.type).toMatch(/geo\+json|json/);
    expect(zipped.vary).toMatch(/accept-encoding/i);
    // byte for byte the file written at build time: nothing was compressed for this request
    expect(zipped.bytes.equals(gz)).toBe(true);
    const identity = await rawGet(`${stack.url}/maps/national.geojson`, 'identity');
    expect(identity.encoding).toBeNull();
    expect(identity.bytes.equals(plain)).toBe(true);
  });

  it('a province layer that does not exist is still a 404, compressed copies or not', async () => {
    expect((await rawGet(`${stack.url}/maps/provinces/99.geojson`, 'gzip')).status).toBe(404);
  });
});
