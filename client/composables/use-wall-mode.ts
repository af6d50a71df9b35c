import { inject, type InjectionKey, provide } from 'vue';

/**
 * How the page is shown: `desk` (a person with a mouse or a finger), `wall` (a wall screen read across a room: no
 * button, picker, input or link) or `print` (a report rendered to PDF: no control either, and nothing animated).
 * The wall screen and the report page provide it for the scenes they hold; everything else is `desk`.
 */
export type ChromeMode = 'desk' | 'wall' | 'print';

const CHROME: InjectionKey<ChromeMode> = Symbol('chrome-mode');

export function provideChromeMode(mode: ChromeMode): void {
  provide(CHROME, mode);
}

export function useChromeMode(): ChromeMode {
  return inject(CHROME, 'desk');
}

/** True on a wall or in print: controls (buttons, pickers, links, search) are not drawn. */
export function useNoControls(): boolean {
  return useChromeMode() !== 'desk';
}
