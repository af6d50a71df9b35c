import { useI18n } from 'vue-i18n';
import { parseScene } from '../../../core/displays/scenes';
import { useLocale } from '../../composables/use-locale';
import { useUnitsStore } from '../../stores/units.store';

/** The i18n key of a scene's short name (`province:48` → `wall.scene.province`, its argument then named). */
export function sceneLabelKey(name: string, arg: string | null): string {
  if (name === 'rankings') return arg === 'ministries' ? 'wall.scene.rankingsMinistries' : 'wall.scene.rankings';
  if (name === 'alerts') return 'alerts.sceneLabel';
  return `wall.scene.${name}`;
}

/**
 * A scene's name as people read it, on the wall's bar and in the admin's lists: `province:48` → "Bản đồ Đà Nẵng".
 * Without the unit registry (not yet loaded) the code stands in for the name.
 */
export function useSceneLabel(): (entry: string) => string {
  const { t } = useI18n();
  const locale = useLocale();
  const units = useUnitsStore();
  return (entry: string) => {
    const { name, arg } = parseScene(entry);
    return t(sceneLabelKey(name, arg), { arg: arg ? (units.name(arg, locale.value) ?? arg) : '' });
  };
}
