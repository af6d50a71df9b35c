/**
 * The drill-down of one map as a state machine: events in, the next state and the effects to carry out. Pure (no
 * MapLibre, no Vue), so every transition is tested in Node; use-commune-layer.ts feeds it the map's and the route's
 * events and carries out its effects, in order. Effects may make the map fire events at once (a flight stopped by
 * the next one ends there and then): those are fed in while the effects of the step before are being carried out,
 * and see its state.
 *
 * - idle: the nation; the commune layers are hidden at every zoom (their source is empty).
 * - approaching: a click on a province started the flight and the worker on its communes; its route has not followed
 *   yet (should it never follow, the map goes back where the route is).
 * - flying: the route's province is being flown to. While it flies the commune layers are hidden below the tile zoom
 *   it arrives at, once the worker has the communes' data, and on a flight from the nation the national layer keeps
 *   the tiles it has (docs/decisions/0005-drill-tiles.md); when the render budget says so (render-budget.ts).
 * - arrived: the flight ended (or there was none); its holds end when the map next moves.
 * - leaving: the route went back to the nation; the flight home is under way. The holds are over.
 *
 * Events of a flight carry its number: those of an earlier flight (a data event, a flight's end) are ignored.
 */

/** How many zooms deeper than their own the national layer's held tiles may be drawn (1/8192 of a tile ≈ 0.5 px). */
export const HELD_OVERZOOM = 3;

export type DrillPhase = 'idle' | 'approaching' | 'flying' | 'arrived' | 'leaving';

export interface DrillState {
  phase: DrillPhase;
  /** The province the route shows (null: the nation). */
  route: string | null;
  /** The province whose communes the source holds, and that the map shows or flies to (null: none). */
  shown: string | null;
  /** Flights begun; `flightTo` is the last one's destination (null: home, undefined: none yet). */
  flight: number;
  flightTo: string | null | undefined;
  /** The last flight has ended (its `moveEnd` came). */
  landed: boolean;
  /** The last flight holds the commune layers below `floor`, the tile zoom it arrives at. */
  holding: boolean;
  floor: number | null;
  /** The national layer's tiles are held; `deep`: released at the flight's end already (a small province). */
  provincesHeld: boolean;
  deep: boolean;
  /** Routes after the first fly; the first jumps (a page opened on a province is there at once). */
  animate: boolean;
  /** Whether flights hold tiles and layers at all (the render budget: a map rendered in software). */
  holds: boolean;
}

export type DrillEvent =
  /** A click on a province of the national map (before its route changes). */
  | { type: 'click'; province: string }
  /** The route's province (null: the nation), its first value once the map's layers are ready. */
  | { type: 'route'; province: string | null }
  /** A click's route did not follow in time. */
  | { type: 'approachTimeout' }
  /** A `fly` effect was carried out: the zoom it arrives at when the map moves now (null: it jumped or was there). */
  | { type: 'flightBegun'; province: string | null; fromNation: boolean; arrival: number | null; from: number }
  /** The map's worker holds the commune data set for that flight. */
  | { type: 'communeData'; flight: number }
  | { type: 'moveEnd'; flight: number }
  | { type: 'moveStart'; flight: number };

export type DrillEffect =
  /** Stop waiting for a click's route. */
  | { type: 'stopWaiting' }
  /** Wait for a click's route (then `approachTimeout`). */
  | { type: 'waitForRoute' }
  /** Forget what the view shows of the last province (colours, counts, a fetch under way). */
  | { type: 'clearView'; province: string | null }
  /** Give the commune source this province's communes (null: none). */
  | { type: 'setData'; province: string | null }
  /** Fly (or jump) to the province (null: the nation), then feed `flightBegun`. */
  | { type: 'fly'; province: string | null; animate: boolean; fromNation: boolean }
  /** Fetch the province's communes for the view (names, colours, counts). */
  | { type: 'load'; province: string }
  /** Hide the commune layers below this zoom (0: shown at every zoom; null: hidden at every zoom). */
  | { type: 'setFloor'; zoom: number | null }
  | { type: 'holdProvinceTiles' }
  | { type: 'releaseProvinceTiles' }
  /** Feed `communeData`, `moveEnd`, `moveStart` of this flight when they happen. */
  | { type: 'awaitCommuneData'; flight: number }
  | { type: 'awaitMoveEnd'; flight: number }
  | { type: 'awaitMoveStart'; flight: number };

export interface DrillStep {
  state: DrillState;
  effects: DrillEffect[];
}

/** Before the map's layers are ready. */
export function drillStart(holds: boolean): DrillState {
  return {
    phase: 'idle',
    route: null,
    shown: null,
    flight: 0,
    flightTo: undefined,
    landed: true,
    holding: false,
    floor: null,
    provincesHeld: false,
    deep: false,
    animate: false,
    holds,
  };
}

const none = (state: DrillState): DrillStep => ({ state, effects: [] });

/** Ends a flight's holds: the national tiles released, the commune layers at the route's zoom range. */
function endHolds(s: DrillState, effects: DrillEffect[]): DrillState {
  if (s.provincesHeld) effects.push({ type: 'releaseProvinceTiles' });
  effects.push({ type: 'setFloor', zoom: s.route ? 0 : null });
  return { ...s, holding: false, provincesHeld: false };
}

function route(s: DrillState, province: string | null): DrillStep {
  const fromNation = s.shown === null;
  // the data first: it wipes the communes' feature-state, which the view then sets again (the selected commune)
  const effects: DrillEffect[] = [
    { type: 'stopWaiting' },
    { type: 'setData', province },
    { type: 'clearView', province },
    { type: 'fly', province, animate: s.animate, fromNation },
  ];
  if (province) effects.push({ type: 'load', province });
  const leaving = province === null && s.shown !== null;
  const phase: DrillPhase = province === null ? (leaving ? 'leaving' : 'idle') : s.phase;
  return { state: { ...s, route: province, shown: province, animate: true, phase }, effects };
}

function flightBegun(s: DrillState, e: Extract<DrillEvent, { type: 'flightBegun' }>): DrillStep {
  const effects: DrillEffect[] = [];
  const routed = s.route === e.province;
  if (e.province === null) {
    // home: every hold ends at once, after the flight home has started (an earlier flight's end came by then)
    let next = endHolds(s, effects);
    if (e.arrival === null) return { state: { ...next, phase: 'idle', landed: true }, effects };
    next = { ...next, flight: s.flight + 1, flightTo: null, landed: false, phase: 'leaving' };
    effects.push({ type: 'awaitMoveEnd', flight: next.flight });
    return { state: next, effects };
  }
  if (s.holding && s.flightTo === e.province) {
    // already flying there (the click's flight, found by its route)
    return none({ ...s, phase: routed ? (s.landed ? 'arrived' : 'flying') : s.phase });
  }
  if (e.arrival === null) {
    effects.push({ type: 'setFloor', zoom: 0 });
    return { state: { ...s, phase: routed ? 'arrived' : 'approaching', landed: true, flightTo: e.province }, effects };
  }
  const flight = s.flight + 1;
  let next: DrillState = { ...s, flight, flightTo: e.province, landed: false, phase: routed ? 'flying' : 'approaching' };
  if (!s.holds) {
    effects.push({ type: 'setFloor', zoom: 0 }, { type: 'awaitMoveEnd', flight });
    return { state: next, effects };
  }
  // the tiles of every zoom from the whole number below the arrival's up are the arrival's own (a frame of zoom z
  // asks for tiles of zoom ⌊z⌋); shown only once the worker has the communes' data, or they would be cut twice
  const floor = Math.floor(e.arrival);
  next = { ...next, holding: true, floor, provincesHeld: e.fromNation, deep: floor - Math.floor(e.from) > HELD_OVERZOOM };
  effects.push({ type: 'awaitCommuneData', flight });
  if (e.fromNation) effects.push({ type: 'holdProvinceTiles' });
  effects.push({ type: 'awaitMoveEnd', flight });
  return { state: next, effects };
}

function moveEnd(s: DrillState, flight: number): DrillStep {
  if (flight !== s.flight || s.landed) return none(s);
  if (s.flightTo === null) return none({ ...s, landed: true, phase: s.phase === 'leaving' ? 'idle' : s.phase });
  const effects: DrillEffect[] = [];
  let next: DrillState = { ...s, landed: true, phase: s.phase === 'flying' ? 'arrived' : s.phase };
  if (!s.holding) return { state: next, effects };
  if (s.deep && s.provincesHeld) {
    effects.push({ type: 'releaseProvinceTiles' });
    next = { ...next, provincesHeld: false };
  }
  effects.push({ type: 'awaitMoveStart', flight });
  return { state: next, effects };
}

/** The next state of a drill and the effects to carry out, in order. */
export function stepDrill(s: DrillState, e: DrillEvent): DrillStep {
  switch (e.type) {
    case 'click': {
      if (s.route !== null) return none(s); // a drilled map's clicks pick communes
      const effects: DrillEffect[] = [
        { type: 'setData', province: e.province },
        { type: 'fly', province: e.province, animate: true, fromNation: s.shown === null },
        { type: 'waitForRoute' },
      ];
      return { state: { ...s, shown: e.province, phase: 'approaching' }, effects };
    }
    case 'route':
      return route(s, e.province);
    case 'approachTimeout':
      return s.phase === 'approaching' && s.route !== s.shown ? route(s, s.route) : none(s);
    case 'flightBegun':
      return flightBegun(s, e);
    case 'communeData':
      return s.holding && e.flight === s.flight && s.floor !== null ? { state: s, effects: [{ type: 'setFloor', zoom: s.floor }] } : none(s);
    case 'moveEnd':
      return moveEnd(s, e.flight);
    case 'moveStart': {
      if (e.flight !== s.flight || !s.holding || !s.landed) return none(s);
      const effects: DrillEffect[] = [];
      return { state: endHolds(s, effects), effects };
    }
  }
}
