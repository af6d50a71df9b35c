import { describe, expect, it } from 'vitest';
import { coveringSilences, mutingAt, type Silence, type SilenceTarget } from './silence';

const H = 3600_000;
const T0 = Date.UTC(2026, 11, 7, 2);
let n = 0;
const silence = (target: SilenceTarget, startsAt = T0, endsAt = T0 + 2 * H): Silence => ({
  id: `s${++n}`,
  target,
  startsAt,
  endsAt,
  comment: 'bảo trì',
  createdBy: 'op48',
  createdAt: startsAt,
  ended: null,
});
// a commune of Đà Nẵng (48), alert of the province's rule for the on-time rate
const alert = { indicator: 'dossier_on_time_rate', ruleScope: '48', unitPath: ['20194', '48', 'VN'] };
const ids = (list: Silence[]) => list.map((s) => s.id);

describe('which silences cover an alert at a time', () => {
  it('a rule: its indicator and the scope it was saved for, not another scope of the same indicator', () => {
    const own = silence({ kind: 'rule', indicator: 'dossier_on_time_rate', scope: '48' });
    const national = silence({ kind: 'rule', indicator: 'dossier_on_time_rate', scope: 'VN' });
    const other = silence({ kind: 'rule', indicator: 'cpi_yoy', scope: '48' });
    expect(ids(coveringSilences([own, national, other], alert, T0 + H))).toEqual([own.id]);
  });

  it('a unit: exactly that unit, not its children nor its parent', () => {
    const exact = silence({ kind: 'unit', unit: '20194' });
    const parent = silence({ kind: 'unit', unit: '48' });
    expect(ids(coveringSilences([exact, parent], alert, T0))).toEqual([exact.id]);
    expect(coveringSilences([parent], { ...alert, unitPath: ['48', 'VN'] }, T0)).toHaveLength(1);
  });

  it('a scope: the unit itself or any ancestor, not a sibling', () => {
    const self = silence({ kind: 'scope', scope: '20194' });
    const province = silence({ kind: 'scope', scope: '48' });
    const nation = silence({ kind: 'scope', scope: 'VN' });
    const sibling = silence({ kind: 'scope', scope: '01' });
    expect(ids(coveringSilences([self, province, nation, sibling], alert, T0)).sort()).toEqual([self.id, province.id, nation.id].sort());
  });

  it('covers start ≤ t < end; ended early is the end moved', () => {
    const s = silence({ kind: 'scope', scope: '48' }, T0, T0 + 2 * H);
    expect(coveringSilences([s], alert, T0 - 1)).toEqual([]);
    expect(coveringSilences([s], alert, T0)).toHaveLength(1);
    expect(coveringSilences([s], alert, T0 + 2 * H - 1)).toHaveLength(1);
    expect(coveringSilences([s], alert, T0 + 2 * H)).toEqual([]);
    const ended = { ...s, endsAt: T0 + H, ended: { by: 'op48', at: T0 + H } };
    expect(coveringSilences([ended], alert, T0 + H)).toEqual([]);
    expect(coveringSilences([ended], alert, T0 + H - 1)).toHaveLength(1);
  });

  it('the longest-lasting first', () => {
    const short = silence({ kind: 'scope', scope: 'VN' }, T0, T0 + H);
    const long = silence({ kind: 'unit', unit: '20194' }, T0, T0 + 5 * H);
    expect(ids(coveringSilences([short, long], alert, T0))).toEqual([long.id, short.id]);
  });
});

describe('how an alert is muted at a transition', () => {
  const none = { silencedUntil: null, mutedBy: null };
  it('by the covering silence, until its end', () => {
    const s = silence({ kind: 'scope', scope: '48' });
    expect(mutingAt(none, [s], T0)).toEqual({ silencedUntil: s.endsAt, mutedBy: { silence: s.id, until: s.endsAt } });
    expect(mutingAt(none, [], T0)).toEqual(none);
  });

  it('a silence ended early stops muting at the next transition; the operator own silence stays', () => {
    const s = silence({ kind: 'scope', scope: '48' });
    const fromSilence = { silencedUntil: s.endsAt, mutedBy: { silence: s.id, until: s.endsAt } };
    expect(mutingAt(fromSilence, [], T0 + H)).toEqual(none);
    const operator = { silencedUntil: T0 + 9 * H, mutedBy: { silence: s.id, until: s.endsAt } };
    expect(mutingAt(operator, [], T0 + H)).toEqual({ silencedUntil: T0 + 9 * H, mutedBy: null });
    expect(mutingAt({ silencedUntil: T0 - 1, mutedBy: null }, [], T0)).toEqual(none); // an operator's silence that is over
  });

  it('the longer of the two when both hold', () => {
    const s = silence({ kind: 'scope', scope: '48' }, T0, T0 + 2 * H);
    expect(mutingAt({ silencedUntil: T0 + 5 * H, mutedBy: null }, [s], T0).silencedUntil).toBe(T0 + 5 * H);
    expect(mutingAt({ silencedUntil: T0 + H, mutedBy: null }, [s], T0).silencedUntil).toBe(T0 + 2 * H);
  });
});
