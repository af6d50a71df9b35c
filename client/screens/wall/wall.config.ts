import { INTERVAL_S, parseScene, type SceneRef } from '../../../core/displays/scenes';

/**
 * A wall screen's URL: `/wall?scenes=national,rankings,nq214,feeds&interval=30` (or a display's scene list, read from
 * the server). Pure, so it is tested alone. Scene names and their parsing are core/displays/scenes.ts's.
 */
export { INTERVAL_S, type SceneRef };

export interface WallConfig {
  scenes: SceneRef[];
  /** Entries that name no known scene, as written: shown on screen, never silently dropped. */
  ignored: string[];
  /** Seconds per scene, within INTERVAL_S. */
  intervalS: number;
  /** Why the interval is not the one asked for, if it is not. */
  intervalNote: 'invalid' | 'clamped' | null;
  /** No usable scene was asked for: the default rotation is shown. */
  usedDefault: boolean;
}

export const DEFAULT_SCENES = ['national', 'rankings', 'nq214', 'feeds'] as const;

export function parseWallConfig(
  scenesParam: string | null | undefined,
  intervalParam: string | null | undefined,
  isKnown: (name: string, arg: string | null) => boolean,
): WallConfig {
  const entries = (scenesParam ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const scenes: SceneRef[] = [];
  const ignored: string[] = [];
  for (const entry of entries.slice(0, 50)) {
    const ref = parseScene(entry);
    if (isKnown(ref.name, ref.arg)) {
      if (!scenes.some((s) => s.key === ref.key)) scenes.push(ref);
    } else ignored.push(entry);
  }
  const usedDefault = scenes.length === 0;
  if (usedDefault) scenes.push(...DEFAULT_SCENES.map(parseScene));

  let intervalS: number = INTERVAL_S.default;
  let intervalNote: WallConfig['intervalNote'] = null;
  if (intervalParam !== null && intervalParam !== undefined && intervalParam.trim() !== '') {
    const asked = Number(intervalParam);
    if (!Number.isFinite(asked)) intervalNote = 'invalid';
    else {
      intervalS = Math.round(Math.min(INTERVAL_S.max, Math.max(INTERVAL_S.min, asked)));
      if (intervalS !== asked) intervalNote = 'clamped';
    }
  }
  return { scenes, ignored, intervalS, intervalNote, usedDefault };
}
