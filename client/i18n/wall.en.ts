import type { wallVi } from './wall.vi';

/** English texts of the province wall scenes and the display form. */
export const wallEn: typeof wallVi = {
  provinceWall: {
    waiting: 'Loading the screen’s configuration…',
    communesTitle: 'Communes and wards ranked — {name}',
    reported: '{n}/{total} communes and wards reported',
    scoreNote: 'Right column: QĐ766 total score',
    scoreLabel: 'QĐ766 total score',
  },
  displayForm: {
    editTitle: 'Edit screen {name}',
    edit: 'Edit',
    saved: 'Screen {name} saved; the wall picks it up within 30 seconds.',
    scenesHint: 'Only the scenes that fit the chosen scope. Tick to show; ↑ ↓ change the order.',
    provinceScenes: 'Scenes of one province',
    addProvince: 'Add the scenes of',
    addProvinceButton: 'Add',
    moveUp: 'Move {scene} up',
    moveDown: 'Move {scene} down',
    remove: 'Remove {scene}',
    interval: 'Seconds per scene',
    intervalHint: '10 to 600 seconds.',
    indicator: 'Indicator colouring the maps and rankings',
    indicatorDefault: 'Default ({name})',
    kpis: 'KPI tiles (up to 6)',
    kpisHint: 'None chosen: the default tiles.',
    noScenes: 'Choose at least one scene.',
    communeScope: 'A commune’s screen code shows the feeds and alerts of that commune.',
    interval0: '{s} s per scene',
  },
};
