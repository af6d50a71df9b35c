import { describe, expect, it } from 'vitest';
import { sourceLabel } from './source-label';

const t = (key: string, params?: Record<string, string>) => (params ? `${key}(${Object.values(params).join('|')})` : key);
const names = new Map([
  ['so-tttt-da-nang', 'Sở TT&TT Đà Nẵng'],
  ['ioc-48', 'IOC Đà Nẵng'],
]);

describe('sourceLabel', () => {
  it("names a feed by the board's name", () => {
    expect(sourceLabel('so-tttt-da-nang', names, t)).toBe('Sở TT&TT Đà Nẵng');
  });

  it("says a rollup by the unit's level", () => {
    expect(sourceLabel('rollup', names, t, 'province')).toBe('source.rollupCommunes');
    expect(sourceLabel('rollup', names, t, 'national')).toBe('source.rollupProvinces');
    expect(sourceLabel('rollup', names, t)).toBe('source.rollup');
  });

  it("names a figure forwarded through a link by its origin's source, via the link", () => {
    expect(sourceLabel('ioc-48/inst-1:so-yte', names, t)).toBe('source.viaLink(so-yte|IOC Đà Nẵng)');
    expect(sourceLabel('unknown-link/a:b/c:d', names, t)).toBe('source.viaLink(d|unknown-link)');
  });

  it('says an upload, an unknown id as it is, and a missing source', () => {
    expect(sourceLabel('upload-abc123', names, t)).toBe('source.upload');
    expect(sourceLabel('some-feed', names, t)).toBe('some-feed');
    expect(sourceLabel('', names, t)).toBe('source.unknown');
    expect(sourceLabel(undefined, names, t)).toBe('source.unknown');
  });
});
