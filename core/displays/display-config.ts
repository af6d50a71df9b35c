/**
 * What a wall opened with a display token reads from the server (`GET /api/v1/display`) and re-reads while it runs,
 * so an admin's edit reaches the wall without anyone touching the wall PC. The scenes are those that fit the display's
 * scope now (core/displays/scenes.ts `effectiveScenes`): an old record's scenes that no longer fit are left out.
 */
export interface DisplayConfig {
  id: string;
  name: string;
  scope: string;
  scenes: string[];
  /** Seconds per scene, 10–600. */
  intervalS: number;
  /** The indicator colouring the maps and ranking the units; null: the map's default. */
  indicator: string | null;
  /** The KPI tiles in order; null: the default tiles. */
  kpis: string[] | null;
  /** When the display was last changed (ms): a wall seeing a newer one applies it. */
  updatedAt: number;
}

/** The answer of `GET /api/v1/display`: null for a signed-in user (the wall's URL says what it shows). */
export interface DisplayConfigAnswer {
  display: DisplayConfig | null;
}
