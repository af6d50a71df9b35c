import type { Map as MapLibreMap } from 'maplibre-gl';
import { lowerResolutionWhileMoving } from './motion-resolution';

/**
 * What a map may spend on drawing, chosen from its WebGL renderer: the one place that decides which of the tactics
 * for a wall PC without a GPU (software GL: every frame drawn by the CPU and read back by Chrome) a map uses. The
 * tactics themselves are where they act: motion-resolution.ts (moving frames at a lower resolution) and tile-hold.ts
 * with the drill's holds (drill-machine.ts). docs/decisions/0012-render-budget.md.
 */
export interface RenderBudget {
  /** The renderer draws on the CPU. */
  software: boolean;
  /** The share of the screen's resolution the map draws at while it moves (1: full). */
  movingResolution: number;
  /** A drill's flight holds the national layer's tiles and the commune layers' zoom range (docs/decisions/0005). */
  holdTiles: boolean;
}

/** WebGL renderers that draw on the CPU, on a PC without a usable GPU: SwiftShader, Mesa's llvmpipe and softpipe, WARP. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|microsoft basic render|\bwarp\b/i;

/** Whether a WebGL renderer string names a software renderer. */
export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERER.test(renderer);
}

/** The share of the screen's resolution a software-rendered map draws at while it moves. */
export const MOVING_RESOLUTION = 0.5;

/** The budget for a renderer: with a GPU nothing is held back; in software every tactic is on. */
export function renderBudget(renderer: string): RenderBudget {
  const software = isSoftwareRenderer(renderer);
  return { software, movingResolution: software ? MOVING_RESOLUTION : 1, holdTiles: software };
}

/** The renderer behind a map's canvas, as WebGL reports it ('' when it does not say). */
function rendererOf(map: MapLibreMap): string {
  const canvas = map.getCanvas();
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  if (!gl) return '';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  return typeof name === 'string' ? name : '';
}

const budgets = new WeakMap<MapLibreMap, RenderBudget>();

/** A map's budget (its renderer is asked once). */
export function budgetOf(map: MapLibreMap): RenderBudget {
  let budget = budgets.get(map);
  if (!budget) budgets.set(map, (budget = renderBudget(rendererOf(map))));
  return budget;
}

/** Switches on the map-wide tactics its budget asks for (created once per map); returns a detach. */
export function applyRenderBudget(map: MapLibreMap): () => void {
  const budget = budgetOf(map);
  return budget.movingResolution < 1 ? lowerResolutionWhileMoving(map, budget.movingResolution) : () => undefined;
}

/** How long the map flies to a drilled province: short, so the communes are drawn within the 500 ms budget. */
export const FLY_MS = 300;

/** A drill's flight time: none for people who asked their system for less motion. */
export function flyMs(reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false): number {
  return reducedMotion ? 0 : FLY_MS;
}
