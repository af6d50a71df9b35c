import { describe, expect, it } from 'vitest';
import type { AlertRule } from './rule';
import { evaluate, OK, type AlertState, type Transition } from './state-machine';

const MIN = 60_000;
// on-time rate: bad below 95 (warning) and 90 (critical), clears at 96, fires after 10 minutes, no data after 1 h
const rule: AlertRule = { indicator: 'dossier_on_time_rate', scope: 'VN', bad: 'below', warning: 95, critical: 90, clear: 96, pendingMs: 10 * MIN, noDataMs: 60 * MIN };

function run(values: (number | null)[], stepMs = MIN, r = rule, observedLag = 0): { transitions: Transition[]; last: AlertState } {
  let state: AlertState = OK;
  const transitions: Transition[] = [];
  values.forEach((value, i) => {
    const now = i * stepMs;
    const out = evaluate(r, state, { value, observedAt: now - observedLag }, now);
    state = out.state;
    if (out.transition) transitions.push(out.transition);
  });
  return { transitions, last: state };
}

describe('alert state machine', () => {
  it('a value oscillating inside the band fires once and resolves once', () => {
    const wobble = [97, 97, ...Array.from({ length: 40 }, (_, i) => (i % 2 ? 94.5 : 95.5)), 96.5, 97, 97];
    const { transitions } = run(wobble, MIN, { ...rule, pendingMs: 0 });
    expect(transitions.filter((t) => t.to === 'firing')).toHaveLength(1);
    expect(transitions.filter((t) => t.to === 'resolved')).toHaveLength(1);
  });

  it('a breach shorter than the pending duration never fires', () => {
    const { transitions, last } = run([97, 94, 94, 94, 94, 94, 97, 97]);
    expect(transitions.some((t) => t.to === 'firing')).toBe(false);
    expect(transitions.map((t) => t.to)).toEqual(['pending', 'ok']);
    expect(last.phase).toBe('ok');
  });

  it('a breach that lasts the pending duration fires, and escalates to critical', () => {
    const { transitions } = run([94, 94, 94, 94, 94, 94, 94, 94, 94, 94, 94, 94, 89, 89]);
    expect(transitions.map((t) => `${t.to}:${t.severity}`)).toEqual(['pending:warning', 'firing:warning', 'firing:critical']);
  });

  it('a feed that stops sending raises a no-data alert after its cadence, and clears when data returns', () => {
    let state: AlertState = OK;
    const at = 0;
    const steps: Transition[] = [];
    for (const now of [10 * MIN, 59 * MIN, 61 * MIN, 90 * MIN]) {
      const out = evaluate(rule, state, { value: 97, observedAt: at }, now);
      state = out.state;
      if (out.transition) steps.push(out.transition);
    }
    expect(steps).toEqual([{ from: 'ok', to: 'firing', severity: 'nodata', at: 61 * MIN }]);
    const back = evaluate(rule, state, { value: 97, observedAt: 100 * MIN }, 100 * MIN);
    expect(back.transition).toMatchObject({ from: 'firing', to: 'resolved' });
  });

  it('a resolved alert goes back to ok on the next evaluation', () => {
    const { transitions, last } = run([80, 80, 97, 97], MIN, { ...rule, pendingMs: 0 });
    expect(transitions.map((t) => t.to)).toEqual(['firing', 'resolved', 'ok']);
    expect(last.phase).toBe('ok');
  });
});
