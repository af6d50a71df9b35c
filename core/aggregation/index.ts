/** Pure rollup math (DESIGN §4): the components stored per kind, the reference rollup and its incremental form. */
export type { Components, ComponentsInput } from './components';
export { ComponentsError, toComponents, valueOf } from './components';
export type { Rollup } from './rollup';
export { applyDelta, COVERAGE_NOUNS, coverageLabel, rollup } from './rollup';
