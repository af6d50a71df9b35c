import { describe, expect, it } from 'vitest';
import { UnitRegistry } from '../units/registry';
import type { Unit, UnitLevel } from '../units/unit';
import { checkScenes, defaultScenes, effectiveInterval, effectiveScenes, parseScene, sceneRefusal, scenesForScope } from './scenes';

const unit = (code: string, level: UnitLevel, parent: string | null): Unit => ({
  code, level, parent, type: { vi: '', en: '' }, name: { vi: code, en: code }, fullName: { vi: code, en: code }, areaKm2: null,
});
/** A small country: two provinces with two communes each, and a ministry. */
const units = new UnitRegistry({
  version: 'test',
  units: [
    unit('VN', 'national', null), unit('79', 'province', 'VN'), unit('48', 'province', 'VN'), unit('BYT', 'ministry', 'VN'),
    unit('20194', 'commune', '48'), unit('20195', 'commune', '48'), unit('26734', 'commune', '79'), unit('26735', 'commune', '79'),
  ],
});

describe('parseScene', () => {
  it('splits a name and its argument, lower-cases the name and trims', () => {
    expect(parseScene(' Province:48 ')).toEqual({ name: 'province', arg: '48', key: 'province:48' });
    expect(parseScene('feeds')).toEqual({ name: 'feeds', arg: null, key: 'feeds' });
    expect(parseScene('rankings:')).toEqual({ name: 'rankings', arg: null, key: 'rankings' });
  });
});

describe('scenesForScope', () => {
  it('offers a national display every scene, with a map and a ranking of each province', () => {
    expect(scenesForScope('VN', units)).toEqual([
      'national', 'rankings', 'rankings:ministries', 'nq214', 'feeds', 'alerts',
      'province:48', 'communes:48', 'province:79', 'communes:79',
    ]);
  });
  it('offers a province only its own scenes, a commune its feeds and alerts, an unknown unit nothing', () => {
    expect(scenesForScope('48', units)).toEqual(['province:48', 'communes:48', 'feeds', 'alerts']);
    expect(scenesForScope('20194', units)).toEqual(['feeds', 'alerts']);
    expect(scenesForScope('99', units)).toEqual([]);
    expect(scenesForScope('BYT', units)).toEqual([]);
  });
  it('every offered scene passes the check, and the defaults are offered scenes', () => {
    for (const scope of ['VN', '48', '20194']) {
      expect(checkScenes(scope, scenesForScope(scope, units), units)).toEqual({ ok: true, scenes: scenesForScope(scope, units) });
      for (const s of defaultScenes(scope, units)) expect(scenesForScope(scope, units)).toContain(s);
    }
  });
});

describe('checkScenes', () => {
  it('names each refusal with its position and code', () => {
    const r = checkScenes('48', ['province:48', 'national', 'province:79', 'weather', 'province', 'rankings:weather', 'feeds', 'FEEDS'], units);
    expect(r).toEqual({
      ok: false,
      issues: [
        { index: 1, scene: 'national', code: 'scene_outside_scope' },
        { index: 2, scene: 'province:79', code: 'scene_outside_scope' },
        { index: 3, scene: 'weather', code: 'unknown_scene' },
        { index: 4, scene: 'province', code: 'bad_scene_argument' },
        { index: 5, scene: 'rankings:weather', code: 'bad_scene_argument' },
        { index: 7, scene: 'FEEDS', code: 'duplicate_scene' },
      ],
    });
  });
  it('refuses a province scene of a unit that is not a province, even nationally', () => {
    expect(sceneRefusal('VN', 'province:20194', units)).toBe('bad_scene_argument');
    expect(sceneRefusal('VN', 'communes:BYT', units)).toBe('bad_scene_argument');
    expect(sceneRefusal('VN', 'province:79', units)).toBeNull();
    expect(sceneRefusal('VN', 'nq214:x', units)).toBe('bad_scene_argument');
  });
  it('lets a national display mix national and province scenes, written canonically', () => {
    expect(checkScenes('VN', ['national', 'Province:79', 'communes:48'], units)).toEqual({ ok: true, scenes: ['national', 'province:79', 'communes:48'] });
  });
  it('keeps a commune display to its feeds and alerts', () => {
    expect(sceneRefusal('20194', 'alerts', units)).toBeNull();
    expect(sceneRefusal('20194', 'province:48', units)).toBe('scene_outside_scope');
    expect(sceneRefusal('20194', 'nq214', units)).toBe('scene_outside_scope');
  });
});

describe('old records', () => {
  it('keep the scenes that fit, read the bare `province` as their own, else get the default rotation', () => {
    expect(effectiveScenes('48', ['national', 'province', 'feeds'], units)).toEqual(['province:48', 'feeds']);
    expect(effectiveScenes('48', ['national', 'rankings'], units)).toEqual(['province:48', 'communes:48', 'feeds', 'alerts']);
    expect(effectiveScenes('VN', ['national', 'province'], units)).toEqual(['national']);
  });
  it('get the default interval when they have none or a wrong one', () => {
    expect(effectiveInterval(undefined)).toBe(30);
    expect(effectiveInterval(5)).toBe(30);
    expect(effectiveInterval(12.5)).toBe(30);
    expect(effectiveInterval(45)).toBe(45);
  });
});
