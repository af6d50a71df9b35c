import type { Component } from 'vue';
import AlertsScene from '../alerts/AlertsScene.vue';
import FeedsScene from '../boards/FeedsScene.vue';
import NationalOverview from '../overview/NationalOverview.vue';
import Nq214Scene from '../boards/Nq214Scene.vue';
import ProvinceOverview from '../overview/ProvinceOverview.vue';
import RankingsScene from '../boards/RankingsScene.vue';
import CommuneRankingScene from './CommuneRankingScene.vue';
import { isProvinceCode } from '../../../core/units/unit-code';

/**
 * The scenes a wall screen can rotate, by name in `?scenes=`. Each reuses the screen's own component, imported here
 * with the wall (not on first show: a scene whose turn first comes while the server is down must still draw), then
 * kept alive. `scope` is the unit whose live view the scene watches, so the page's one socket
 * subscribes it while the scene is on screen (null: the scene reads REST only).
 *
 * Adding a scene is one entry here, and one in core/displays/scenes.ts (which scenes fit which display's scope).
 */
export interface SceneDef {
  component: Component;
  /** i18n key of the scene's short name in the wall's scene indicator (`{arg}` is passed to it: a unit's name). */
  label: (arg: string | null) => string;
  scope: (arg: string | null) => string | null;
  props?: (arg: string | null) => Record<string, unknown>;
  accepts: (arg: string | null) => boolean;
}

const noArg = (arg: string | null) => arg === null;
const provinceArg = (arg: string | null) => isProvinceCode(arg);

export const SCENES: Readonly<Record<string, SceneDef>> = {
  national: {
    component: NationalOverview,
    label: () => 'wall.scene.national',
    scope: () => 'VN',
    accepts: noArg,
  },
  rankings: {
    component: RankingsScene,
    label: (arg) => (arg === 'ministries' ? 'wall.scene.rankingsMinistries' : 'wall.scene.rankings'),
    scope: () => 'VN',
    props: (arg) => ({ peers: arg === 'ministries' ? 'ministry' : 'province' }),
    accepts: (arg) => arg === null || arg === 'provinces' || arg === 'ministries',
  },
  nq214: {
    component: Nq214Scene,
    label: () => 'wall.scene.nq214',
    scope: () => null,
    accepts: noArg,
  },
  feeds: {
    component: FeedsScene,
    label: () => 'wall.scene.feeds',
    scope: () => null,
    accepts: noArg,
  },
  alerts: {
    component: AlertsScene,
    label: () => 'alerts.sceneLabel',
    // the scene subscribes its own small view of the viewer's scope (alerts arrive for watched scopes)
    scope: () => null,
    accepts: noArg,
  },
  /** `province:48`: the province's communes coloured by the display's indicator, its KPIs with coverage. */
  province: {
    component: ProvinceOverview,
    label: () => 'wall.scene.province',
    scope: (code) => code,
    props: (code) => ({ province: code }),
    accepts: provinceArg,
  },
  /** `communes:48`: its communes ranked best and worst by the display's indicator, with their 766 score. */
  communes: {
    component: CommuneRankingScene,
    label: () => 'wall.scene.communes',
    scope: (code) => code,
    props: (code) => ({ province: code }),
    accepts: provinceArg,
  },
};

export function isKnownScene(name: string, arg: string | null): boolean {
  const def = SCENES[name];
  return def !== undefined && def.accepts(arg);
}
