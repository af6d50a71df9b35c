import { describe, expect, it } from 'vitest';
import { parseWallConfig } from './wall.config';

const known = (name: string, arg: string | null) =>
  (['national', 'rankings', 'nq214', 'feeds'].includes(name) && arg === null) || (name === 'province' && /^\d{2}$/.test(arg ?? ''));

describe('wall config', () => {
  it('keeps the known scenes in order and names the unknown ones', () => {
    const c = parseWallConfig('national, Rankings,weather,province:48,province:xx,,nq214', '45', known);
    expect(c.scenes.map((s) => s.key)).toEqual(['national', 'rankings', 'province:48', 'nq214']);
    expect(c.scenes[2]).toEqual({ name: 'province', arg: '48', key: 'province:48' });
    expect(c.ignored).toEqual(['weather', 'province:xx']);
    expect(c.intervalS).toBe(45);
    expect(c.intervalNote).toBeNull();
    expect(c.usedDefault).toBe(false);
  });

  it('shows each scene once', () => {
    expect(parseWallConfig('feeds,feeds,national', null, known).scenes.map((s) => s.key)).toEqual(['feeds', 'national']);
  });

  it('falls back to the default rotation when no scene is usable', () => {
    const c = parseWallConfig('nope', null, known);
    expect(c.scenes.map((s) => s.key)).toEqual(['national', 'rankings', 'nq214', 'feeds']);
    expect(c.usedDefault).toBe(true);
    expect(c.ignored).toEqual(['nope']);
    expect(parseWallConfig(null, null, known).ignored).toEqual([]);
  });

  it('clamps the interval to 10–600 s, defaults to 30 s, and says so', () => {
    expect(parseWallConfig(null, null, known)).toMatchObject({ intervalS: 30, intervalNote: null });
    expect(parseWallConfig(null, '3', known)).toMatchObject({ intervalS: 10, intervalNote: 'clamped' });
    expect(parseWallConfig(null, '100000', known)).toMatchObject({ intervalS: 600, intervalNote: 'clamped' });
    expect(parseWallConfig(null, '12.4', known)).toMatchObject({ intervalS: 12, intervalNote: 'clamped' });
    expect(parseWallConfig(null, 'abc', known)).toMatchObject({ intervalS: 30, intervalNote: 'invalid' });
    expect(parseWallConfig(null, '10', known)).toMatchObject({ intervalS: 10, intervalNote: null });
  });
});
