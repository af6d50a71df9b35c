import { type Component, defineAsyncComponent } from 'vue';

/**
 * The scenes a wall screen can rotate, by name in `?scenes=`. Each reuses the screen's own component (loaded when
 * first shown, then kept alive). `scope` is the unit whose live view the scene watches, so the page's one socket
 * subscribes it while the scene is on screen (null: the scene reads REST only).
 *
 * Adding a scene is one entry. A province scene, for example:
 *   province: { component: ProvinceScene, label: () => 'wall.scene.province', scope: (code) => code,
 *               props: (code) => ({ code }), accepts: (code) => code !== null && /^\d{2}$/.test(code) },
 */
export interface SceneDef {
  component: Component;
  /** i18n key of the scene's short name in the wall's scene indicator (`{arg}` is passed to it). */
  label: (arg: string | null) => string;
  scope: (arg: string | null) => string | null;
  props?: (arg: string | null) => Record<string, unknown>;
  accepts: (arg: string | null) => boolean;
}

const noArg = (arg: string | null) => arg === null;

export const SCENES: Readonly<Record<string, SceneDef>> = {
  national: {
    component: defineAsyncComponent(() => import('./NationalOverview.vue')),
    label: () => 'wall.scene.national',
    scope: () => 'VN',
    accepts: noArg,
  },
  rankings: {
    component: defineAsyncComponent(() => import('./RankingsScene.vue')),
    label: (arg) => (arg === 'ministries' ? 'wall.scene.rankingsMinistries' : 'wall.scene.rankings'),
    scope: () => 'VN',
    props: (arg) => ({ peers: arg === 'ministries' ? 'ministry' : 'province' }),
    accepts: (arg) => arg === null || arg === 'provinces' || arg === 'ministries',
  },
  nq214: {
    component: defineAsyncComponent(() => import('./Nq214Scene.vue')),
    label: () => 'wall.scene.nq214',
    scope: () => null,
    accepts: noArg,
  },
  feeds: {
    component: defineAsyncComponent(() => import('./FeedsScene.vue')),
    label: () => 'wall.scene.feeds',
    scope: () => null,
    accepts: noArg,
  },
};

export function isKnownScene(name: string, arg: string | null): boolean {
  const def = SCENES[name];
  return def !== undefined && def.accepts(arg);
}
