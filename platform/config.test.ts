import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

describe('TRUST_PROXY', () => {
  it('defaults to loopback', () => {
    expect(parseConfig({}).TRUST_PROXY).toBe('loopback');
  });
  it.each(['loopback', 'uniquelocal,10.0.0.5', '10.0.0.0/24, 192.168.1.1', 'fd00::/8', '::1'])('takes %s', (v) => {
    expect(parseConfig({ TRUST_PROXY: v }).TRUST_PROXY).toBe(v);
  });
  it.each(['true', '*', '10.0.0.0/33', '10.0.0.0/8/1', 'proxy.example', '10.0.0.5,', 'fd00::/129'])('refuses %s', (v) => {
    expect(() => parseConfig({ TRUST_PROXY: v })).toThrow(/TRUST_PROXY/);
  });
});

describe('the README settings table', () => {
  it('names every setting the configuration reads', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const source = readFileSync(new URL('./config.ts', import.meta.url), 'utf8');
    const names = [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((n) => !readme.includes(`| \`${n}\` |`))).toEqual([]);
  });
});
