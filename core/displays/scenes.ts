import type { UnitLevel } from '../units/unit';

/**
 * The scenes a wall screen (a display) can rotate, and which of them fit a display's scope (docs/wall-screens.md).
 * Pure: the server validates a display's scene list with it, the admin form offers what it lists, the wall reads it.
 *
 * A scene is written `name` or `name:arg`: `national`, `rankings`, `rankings:ministries`, `nq214`, `feeds`, `alerts`,
 * `province:48` (the province's communes map and its KPIs), `communes:48` (its communes ranked best and worst).
 * - a national display (scope `VN`): every scene, with `province:<code>` and `communes:<code>` for any province;
 * - a province's display: `province:<own>`, `communes:<own>`, `feeds`, `alerts` (the feeds and alerts of its scope);
 * - a commune's display: `feeds` and `alerts` of its scope (no map or ranking of its own: one unit has no communes).
 */
export const SCENE_NAMES = ['national', 'rankings', 'nq214', 'feeds', 'alerts', 'province', 'communes'] as const;
export type SceneName = (typeof SCENE_NAMES)[number];

/** At most this many scenes in one display's rotation. */
export const MAX_SCENES = 40;
/** Seconds per scene. */
export const INTERVAL_S = { min: 10, max: 600, default: 30 } as const;
/** At most this many KPI tiles chosen for a display. */
export const MAX_DISPLAY_KPIS = 6;

/** What a scene catalogue needs to know of the units: their level and children (core/units/registry.ts fits). */
export interface SceneUnits {
  get(code: string): { level: UnitLevel } | undefined;
  children(code: string, level?: UnitLevel): ReadonlyArray<{ code: string }>;
}

export interface SceneRef {
  name: string;
  arg: string | null;
  /** As written back: `name` or `name:arg`. */
  key: string;
}

/** `province:48` → { name: 'province', arg: '48' }; names are case-insensitive, whitespace around is dropped. */
export function parseScene(entry: string): SceneRef {
  const i = entry.indexOf(':');
  const name = (i < 0 ? entry : entry.slice(0, i)).trim().toLowerCase();
  const arg = i < 0 ? null : entry.slice(i + 1).trim() || null;
  return { name, arg, key: arg === null ? name : `${name}:${arg}` };
}

const isSceneName = (name: string): name is SceneName => (SCENE_NAMES as readonly string[]).includes(name);

/** Why a scene cannot be in a display of a scope. */
export type SceneRefusal =
  /** no such scene name */
  | 'unknown_scene'
  /** the name is known, its argument is not (e.g. `rankings:weather`, `province:99`, `province` without a code) */
  | 'bad_scene_argument'
  /** a scene of another scope (a province's display asking for `national` or another province) */
  | 'scene_outside_scope'
  /** the same scene twice */
  | 'duplicate_scene';

/** Is `arg` a fitting argument of `name`, whatever the scope? */
function argumentFits(name: SceneName, arg: string | null, units: SceneUnits): boolean {
  switch (name) {
    case 'rankings':
      return arg === null || arg === 'provinces' || arg === 'ministries';
    case 'province':
    case 'communes':
      return arg !== null && units.get(arg)?.level === 'province';
    default:
      return arg === null;
  }
}

/** May a display of `scope` show this (well-formed) scene? */
function fitsScope(name: SceneName, arg: string | null, scope: string, units: SceneUnits): boolean {
  const level = units.get(scope)?.level;
  if (level === 'national') return true;
  if (name === 'feeds' || name === 'alerts') return level === 'province' || level === 'commune';
  if (name === 'province' || name === 'communes') return level === 'province' && arg === scope;
  return false;
}

/** Why `entry` does not fit a display of `scope`, or null when it fits. */
export function sceneRefusal(scope: string, entry: string, units: SceneUnits): Exclude<SceneRefusal, 'duplicate_scene'> | null {
  const { name, arg } = parseScene(entry);
  if (!isSceneName(name)) return 'unknown_scene';
  if (!argumentFits(name, arg, units)) return 'bad_scene_argument';
  return fitsScope(name, arg, scope, units) ? null : 'scene_outside_scope';
}

/**
 * Every scene a display of `scope` may show, in the order the admin's form offers them: for the nation, the national
 * scenes, then `province:<code>` and `communes:<code>` of each province (by code); for a province, its own scenes.
 */
export function scenesForScope(scope: string, units: SceneUnits): string[] {
  const level = units.get(scope)?.level;
  if (level === 'national') {
    const provinces = units.children(scope, 'province').map((u) => u.code).sort();
    return [
      'national',
      'rankings',
      'rankings:ministries',
      'nq214',
      'feeds',
      'alerts',
      ...provinces.flatMap((p) => [`province:${p}`, `communes:${p}`]),
    ];
  }
  if (level === 'province') return [`province:${scope}`, `communes:${scope}`, 'feeds', 'alerts'];
  if (level === 'commune') return ['feeds', 'alerts'];
  return [];
}

/** The rotation a display of `scope` gets when none is chosen (or none of an old record's scenes fits any more). */
export function defaultScenes(scope: string, units: SceneUnits): string[] {
  const level = units.get(scope)?.level;
  if (level === 'national') return ['national', 'rankings', 'nq214', 'feeds'];
  return scenesForScope(scope, units);
}

export interface SceneIssue {
  /** Position in the list as sent. */
  index: number;
  scene: string;
  code: SceneRefusal;
}

export type SceneCheck = { ok: true; scenes: string[] } | { ok: false; issues: SceneIssue[] };

/**
 * A display's scene list, checked against its scope: every entry a known scene with a fitting argument, within the
 * scope, once. The scenes come back as written canonically (`Province:48 ` → `province:48`).
 */
export function checkScenes(scope: string, scenes: readonly string[], units: SceneUnits): SceneCheck {
  const issues: SceneIssue[] = [];
  const seen = new Set<string>();
  const out: string[] = [];
  scenes.forEach((scene, index) => {
    const code = sceneRefusal(scope, scene, units);
    const { key } = parseScene(scene);
    if (code) issues.push({ index, scene, code });
    else if (seen.has(key)) issues.push({ index, scene, code: 'duplicate_scene' });
    else {
      seen.add(key);
      out.push(key);
    }
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, scenes: out };
}

/**
 * The scenes a stored display shows now: records made before scenes were checked against the scope may hold scenes
 * that do not fit (a province's `national`) or the old bare `province`, which means the display's own province. Those
 * that fit are kept in order; none left ⇒ the scope's default rotation.
 */
export function effectiveScenes(scope: string, stored: readonly string[], units: SceneUnits): string[] {
  const out: string[] = [];
  for (const entry of stored) {
    const ref = parseScene(entry);
    const key = ref.name === 'province' && ref.arg === null ? `province:${scope}` : ref.key;
    if (sceneRefusal(scope, key, units) === null && !out.includes(key)) out.push(key);
  }
  return out.length > 0 ? out : defaultScenes(scope, units);
}

/** A display's seconds per scene: the stored one within range, else the default (records made before it existed). */
export function effectiveInterval(stored: number | undefined): number {
  return typeof stored === 'number' && Number.isInteger(stored) && stored >= INTERVAL_S.min && stored <= INTERVAL_S.max
    ? stored
    : INTERVAL_S.default;
}
