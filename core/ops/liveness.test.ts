import { describe, expect, it } from 'vitest';
import { assessLiveness, jobLate, MISSED_BEATS, type LivenessFacts } from './liveness';

const BEAT = 5_000;
const GRACE = 60_000;
const T0 = Date.UTC(2026, 11, 7, 7, 0, 0);
const facts = (over: Partial<LivenessFacts> = {}): LivenessFacts => ({
  processes: [{ id: 'w1', at: T0 }],
  roles: [{ name: 'alert-evaluator', lastAt: T0 }],
  jobs: [],
  expectedFrom: T0 - 3600_000,
  beatMs: BEAT,
  graceMs: GRACE,
  ...over,
});

describe('a scheduled job is late past its due time plus the grace', () => {
  it('is on time up to the grace after its due run, late after', () => {
    expect(jobLate({ dueAt: T0 }, T0 + GRACE, GRACE)).toBe(false);
    expect(jobLate({ dueAt: T0 }, T0 + GRACE + 1, GRACE)).toBe(true);
  });
});

describe('liveness from heartbeats', () => {
  it('is ok while a worker and every role beat within MISSED_BEATS intervals', () => {
    const l = assessLiveness(facts(), T0 + MISSED_BEATS * BEAT);
    expect(l).toMatchObject({ status: 'ok', missing: [], workers: { alive: 1 } });
  });

  it('names the workers missing since their last heartbeat once they are silent, workers first', () => {
    const l = assessLiveness(facts({ roles: [{ name: 'alert-evaluator', lastAt: T0 - 1000 }] }), T0 + MISSED_BEATS * BEAT + 1);
    expect(l.status).toBe('degraded');
    expect(l.missing).toEqual([
      { name: 'workers', kind: 'workers', since: T0 },
      { name: 'alert-evaluator', kind: 'role', since: T0 - 1000 },
    ]);
  });

  it('does not degrade for one dead process of several: it is listed, the others take its jobs', () => {
    const l = assessLiveness(facts({ processes: [{ id: 'w1', at: T0 - 60_000 }, { id: 'w2', at: T0 }] }), T0 + 1000);
    expect(l.status).toBe('ok');
    expect(l.workers.processes).toEqual([
      { id: 'w1', lastAt: T0 - 60_000, alive: false },
      { id: 'w2', lastAt: T0, alive: true },
    ]);
  });

  it('gives a part that never beat MISSED_BEATS intervals from the server start, then names it missing since then', () => {
    const fresh = facts({ processes: [], roles: [{ name: 'alert-evaluator', lastAt: null }], expectedFrom: T0 });
    expect(assessLiveness(fresh, T0 + MISSED_BEATS * BEAT).status).toBe('ok');
    expect(assessLiveness(fresh, T0 + MISSED_BEATS * BEAT + 1).missing).toEqual([
      { name: 'workers', kind: 'workers', since: T0 },
      { name: 'alert-evaluator', kind: 'role', since: T0 },
    ]);
  });

  it('names a late job missing since its run was due', () => {
    const jobs = [
      { name: 'pull:hcm', everyMs: 30_000, lastAt: T0 - 400_000, dueAt: T0 - 370_000 },
      { name: 'period-pruner', everyMs: 3600_000, lastAt: T0, dueAt: T0 + 3600_000 },
    ];
    const l = assessLiveness(facts({ jobs }), T0);
    expect(l.missing).toEqual([{ name: 'pull:hcm', kind: 'job', since: T0 - 370_000 }]);
    expect(l.jobs.map((j) => j.late)).toEqual([true, false]);
  });
});
