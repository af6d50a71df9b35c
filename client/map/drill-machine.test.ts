import { describe, expect, it } from 'vitest';
import { type DrillEffect, type DrillEvent, type DrillState, drillStart, HELD_OVERZOOM, stepDrill } from './drill-machine';

/** Runs events from a state; returns the last state and every effect, in order. */
function run(state: DrillState, ...events: DrillEvent[]): { state: DrillState; effects: DrillEffect[] } {
  const effects: DrillEffect[] = [];
  for (const e of events) {
    const next = stepDrill(state, e);
    state = next.state;
    effects.push(...next.effects);
  }
  return { state, effects };
}
const types = (effects: DrillEffect[]) => effects.map((e) => e.type);

/** The national map shown once the layers are ready: the first route, a jump (no flight). */
function nation(holds = true): DrillState {
  return run(drillStart(holds), { type: 'route', province: null }, { type: 'flightBegun', province: null, fromNation: true, arrival: null, from: 5 }).state;
}
/** A flight from the nation (zoom 5) into province 48, arriving at zoom 7.4, begun and under way. */
function flyingTo48(): DrillState {
  return run(nation(), { type: 'route', province: '48' }, { type: 'flightBegun', province: '48', fromNation: true, arrival: 7.4, from: 5 }).state;
}

describe('drill machine: the nation', () => {
  it('starts idle, and the first route (null) hides the commune layers at once, without waiting for any data', () => {
    expect(drillStart(true).phase).toBe('idle');
    const r = run(drillStart(true), { type: 'route', province: null });
    expect(r.effects).toEqual([
      { type: 'stopWaiting' },
      { type: 'setData', province: null },
      { type: 'clearView', province: null },
      { type: 'fly', province: null, animate: false, fromNation: true },
    ]);
    const begun = stepDrill(r.state, { type: 'flightBegun', province: null, fromNation: true, arrival: null, from: 5 });
    expect(begun.effects).toEqual([{ type: 'setFloor', zoom: null }]);
    expect(begun.state.phase).toBe('idle');
  });

  it('a page opened on a province jumps there: no flight, no holds, the communes shown at every zoom', () => {
    const r = run(drillStart(true), { type: 'route', province: '48' }, { type: 'flightBegun', province: '48', fromNation: true, arrival: null, from: 5 });
    expect(r.effects).toContainEqual({ type: 'fly', province: '48', animate: false, fromNation: true });
    expect(r.effects).toContainEqual({ type: 'load', province: '48' });
    expect(r.effects.at(-1)).toEqual({ type: 'setFloor', zoom: 0 });
    expect(r.state).toMatchObject({ phase: 'arrived', shown: '48', holding: false });
  });
});

describe('drill machine: a drill from the nation', () => {
  it('a route to a province flies there (animated after the first route) and holds the layers and national tiles', () => {
    const r = run(nation(), { type: 'route', province: '48' });
    expect(r.effects).toEqual([
      { type: 'stopWaiting' },
      { type: 'setData', province: '48' },
      { type: 'clearView', province: '48' },
      { type: 'fly', province: '48', animate: true, fromNation: true },
      { type: 'load', province: '48' },
    ]);
    const begun = stepDrill(r.state, { type: 'flightBegun', province: '48', fromNation: true, arrival: 7.4, from: 5 });
    const flight = begun.state.flight;
    expect(begun.effects).toEqual([
      { type: 'awaitCommuneData', flight },
      { type: 'holdProvinceTiles' },
      { type: 'awaitMoveEnd', flight },
    ]);
    expect(begun.state).toMatchObject({ phase: 'flying', holding: true, floor: 7, provincesHeld: true, deep: false });
  });

  it('shows the communes from the arrival’s tile zoom once the worker has their data', () => {
    const s = flyingTo48();
    expect(stepDrill(s, { type: 'communeData', flight: s.flight }).effects).toEqual([{ type: 'setFloor', zoom: 7 }]);
  });

  it('arrives at the flight’s end, and ends the holds when the map next moves', () => {
    const s = flyingTo48();
    const arrived = stepDrill(s, { type: 'moveEnd', flight: s.flight });
    expect(arrived.effects).toEqual([{ type: 'awaitMoveStart', flight: s.flight }]); // not deep: the held tiles stay
    expect(arrived.state.phase).toBe('arrived');
    const moved = stepDrill(arrived.state, { type: 'moveStart', flight: s.flight });
    expect(moved.effects).toEqual([{ type: 'releaseProvinceTiles' }, { type: 'setFloor', zoom: 0 }]);
    expect(moved.state).toMatchObject({ phase: 'arrived', holding: false, provincesHeld: false });
  });

  it(`a province shown more than ${HELD_OVERZOOM} zooms deeper gets the national layer's own tiles at the flight's end`, () => {
    const s = run(nation(), { type: 'route', province: '01' }, { type: 'flightBegun', province: '01', fromNation: true, arrival: 9.2, from: 5.5 }).state;
    expect(s.deep).toBe(true);
    const arrived = stepDrill(s, { type: 'moveEnd', flight: s.flight });
    expect(arrived.effects).toEqual([{ type: 'releaseProvinceTiles' }, { type: 'awaitMoveStart', flight: s.flight }]);
    expect(types(stepDrill(arrived.state, { type: 'moveStart', flight: s.flight }).effects)).toEqual(['setFloor']);
  });

  it('a flight that does not move (already there) shows the communes at every zoom, without holds', () => {
    const r = run(nation(), { type: 'route', province: '48' }, { type: 'flightBegun', province: '48', fromNation: true, arrival: null, from: 7 });
    expect(r.effects.at(-1)).toEqual({ type: 'setFloor', zoom: 0 });
    expect(r.state).toMatchObject({ phase: 'arrived', holding: false });
  });

  it('with holds off (a GPU renders the map) a flight holds nothing', () => {
    const r = run(nation(false), { type: 'route', province: '48' }, { type: 'flightBegun', province: '48', fromNation: true, arrival: 7.4, from: 5 });
    expect(r.effects).toContainEqual({ type: 'setFloor', zoom: 0 });
    expect(types(r.effects)).not.toContain('holdProvinceTiles');
    expect(r.state).toMatchObject({ phase: 'flying', holding: false });
    expect(stepDrill(r.state, { type: 'moveEnd', flight: r.state.flight }).state.phase).toBe('arrived');
  });
});

describe('drill machine: a click, then its route', () => {
  it('a click starts the flight and the communes’ data at once, and waits for the route', () => {
    const r = run(nation(), { type: 'click', province: '48' });
    expect(r.effects).toEqual([
      { type: 'setData', province: '48' },
      { type: 'fly', province: '48', animate: true, fromNation: true },
      { type: 'waitForRoute' },
    ]);
    expect(r.state).toMatchObject({ phase: 'approaching', shown: '48', route: null });
  });

  it('the route that follows finds the flight under way: nothing started again', () => {
    const clicked = run(nation(), { type: 'click', province: '48' }, { type: 'flightBegun', province: '48', fromNation: true, arrival: 7.4, from: 5 }).state;
    expect(clicked.phase).toBe('approaching');
    const routed = run(clicked, { type: 'route', province: '48' }, { type: 'flightBegun', province: '48', fromNation: false, arrival: 7.4, from: 5.3 });
    expect(types(routed.effects)).toEqual(['stopWaiting', 'setData', 'clearView', 'fly', 'load']);
    expect(routed.state).toMatchObject({ phase: 'flying', flight: clicked.flight, holding: true, provincesHeld: true });
  });

  it('a click on the map while a province is drilled is not a drill', () => {
    const s = flyingTo48();
    expect(stepDrill(s, { type: 'click', province: '01' })).toEqual({ state: s, effects: [] });
  });

  it('a second click while approaching flies to the new province (no national tiles held again)', () => {
    const clicked = run(nation(), { type: 'click', province: '48' }).state;
    const again = stepDrill(clicked, { type: 'click', province: '49' });
    expect(again.effects).toContainEqual({ type: 'fly', province: '49', animate: true, fromNation: false });
    expect(again.state).toMatchObject({ phase: 'approaching', shown: '49' });
  });

  it('a route that never follows: the map goes back to the route’s place', () => {
    const clicked = run(nation(), { type: 'click', province: '48' }, { type: 'flightBegun', province: '48', fromNation: true, arrival: 7.4, from: 5 }).state;
    const back = stepDrill(clicked, { type: 'approachTimeout' });
    expect(back.effects).toContainEqual({ type: 'setData', province: null });
    expect(back.effects).toContainEqual({ type: 'fly', province: null, animate: true, fromNation: false });
    expect(back.state.phase).toBe('leaving');
  });

  it('the approach’s wait ending after the route followed changes nothing', () => {
    const s = flyingTo48();
    expect(stepDrill(s, { type: 'approachTimeout' })).toEqual({ state: s, effects: [] });
  });
});

describe('drill machine: late events and leaving', () => {
  it('a late commune-data event of an earlier flight is not applied', () => {
    const first = flyingTo48();
    // the map goes back to the nation, then into another province, before the first flight's data came
    const second = run(
      first,
      { type: 'route', province: null },
      { type: 'flightBegun', province: null, fromNation: false, arrival: 5, from: 6 },
      { type: 'route', province: '01' },
      { type: 'flightBegun', province: '01', fromNation: true, arrival: 8.6, from: 5.6 },
    ).state;
    expect(second.flight).toBeGreaterThan(first.flight);
    expect(stepDrill(second, { type: 'communeData', flight: first.flight }).effects).toEqual([]);
    expect(stepDrill(second, { type: 'moveEnd', flight: first.flight }).effects).toEqual([]);
    expect(stepDrill(second, { type: 'moveStart', flight: first.flight }).effects).toEqual([]);
    expect(stepDrill(second, { type: 'communeData', flight: second.flight }).effects).toEqual([{ type: 'setFloor', zoom: 8 }]);
  });

  it('leaving while flying ends every hold at once and hides the communes; the flight home ends idle', () => {
    const s = flyingTo48();
    const left = run(s, { type: 'route', province: null });
    expect(types(left.effects)).toEqual(['stopWaiting', 'setData', 'clearView', 'fly']);
    expect(left.effects).toContainEqual({ type: 'fly', province: null, animate: true, fromNation: false });
    const home = stepDrill(left.state, { type: 'flightBegun', province: null, fromNation: false, arrival: 5, from: 6.2 });
    expect(home.effects).toEqual([{ type: 'releaseProvinceTiles' }, { type: 'setFloor', zoom: null }, { type: 'awaitMoveEnd', flight: home.state.flight }]);
    expect(home.state).toMatchObject({ phase: 'leaving', holding: false, provincesHeld: false, shown: null });
    // the drill flight's data coming late shows nothing
    expect(stepDrill(home.state, { type: 'communeData', flight: s.flight }).effects).toEqual([]);
    const idle = stepDrill(home.state, { type: 'moveEnd', flight: home.state.flight });
    expect(idle.state.phase).toBe('idle');
    expect(idle.effects).toEqual([]);
  });

  it('leaving after the holds ended releases nothing twice', () => {
    const s = flyingTo48();
    const settled = run(s, { type: 'moveEnd', flight: s.flight }, { type: 'moveStart', flight: s.flight }).state;
    const home = run(settled, { type: 'route', province: null }, { type: 'flightBegun', province: null, fromNation: false, arrival: 5, from: 7 });
    expect(types(home.effects)).not.toContain('releaseProvinceTiles');
    expect(home.effects).toContainEqual({ type: 'setFloor', zoom: null });
  });

  it('a drill from one province into another holds the communes but not the national tiles', () => {
    const s = flyingTo48();
    const settled = run(s, { type: 'moveEnd', flight: s.flight }, { type: 'moveStart', flight: s.flight }).state;
    const next = run(settled, { type: 'route', province: '49' });
    expect(next.effects).toContainEqual({ type: 'fly', province: '49', animate: true, fromNation: false });
    const begun = stepDrill(next.state, { type: 'flightBegun', province: '49', fromNation: false, arrival: 8.1, from: 7.4 });
    expect(types(begun.effects)).toEqual(['awaitCommuneData', 'awaitMoveEnd']);
    expect(begun.state).toMatchObject({ phase: 'flying', shown: '49', holding: true, provincesHeld: false });
  });

  it('the same route again while flying there starts nothing new', () => {
    const s = flyingTo48();
    const again = run(s, { type: 'route', province: '48' }, { type: 'flightBegun', province: '48', fromNation: false, arrival: 7.4, from: 6 });
    expect(types(again.effects)).toEqual(['stopWaiting', 'setData', 'clearView', 'fly', 'load']);
    expect(again.state).toMatchObject({ phase: 'flying', flight: s.flight, holding: true });
  });
});
