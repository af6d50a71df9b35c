import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateObservation, type ValidationContext } from '../../../core/contract/validate-observation';
import { ensureMaps } from '../../../maps/ensure';
import { loadDomain, type Domain } from '../../../platform/domain';
import { SIMULATED } from './scenario';
import { simulatedSources, Simulator } from './simulator';
import { backfillTimes, periodsOf, playedInPast, recentStepMs } from './backfill';
import { vnHour } from './traits';
import { currentPeriod } from '../../../core/time/period';

let domain: Domain;
const log = pino({ level: 'silent' });
// 10:00 on a Tuesday in Ha Noi
const tuesdayMorning = Date.UTC(2026, 10, 24, 3, 0);

beforeAll(async () => {
  await ensureMaps();
  domain = loadDomain();
}, 600_000);

function simulator(lateProvince = 'none') {
  return new Simulator({ domain, ingestUrl: 'http://127.0.0.1:1', tokens: new Map(), rate: 100, lateProvince, log, now: () => tuesdayMorning });
}

describe('simulator', () => {
  it('with a scope (SIMULATOR_SCOPE=48), plays only that province and its communes, with its own source', () => {
    const sim = new Simulator({ domain, ingestUrl: 'http://127.0.0.1:1', tokens: new Map(), rate: 100, lateProvince: 'none', scope: '48', log, now: () => tuesdayMorning });
    const sweep = sim.next(sim.coverage.pairs, tuesdayMorning);
    expect(sweep.length).toBeGreaterThan(100);
    expect(sweep.every((o) => domain.registry.isWithin(o.unit, '48') && o.source === '48')).toBe(true);
    const communes = new Set(sweep.map((o) => o.unit));
    expect(domain.registry.children('48', 'commune').every((u) => communes.has(u.code))).toBe(true);
    expect(simulatedSources(domain, '48')).toEqual([expect.objectContaining({ key: '48', id: 'sim-48', units: ['48'] })]);
  });

  it('plays at least 15 catalog indicators of several kinds, for all communes, provinces and ministries', () => {
    const ids = Object.keys(SIMULATED);
    const known = ids.map((id) => domain.indicator(id)).filter((i) => i !== undefined);
    expect(known).toHaveLength(ids.length);
    expect(known.length).toBeGreaterThanOrEqual(15);
    expect(new Set(known.map((i) => i.kind))).toEqual(new Set(['sum', 'ratio', 'wmean', 'max', 'official']));
    const sim = simulator();
    const sweep = sim.next(sim.coverage.pairs, tuesdayMorning);
    const units = new Set(sweep.map((o) => o.unit));
    expect(domain.registry.all('commune').every((u) => units.has(u.code))).toBe(true);
    expect(domain.registry.all('province').every((u) => units.has(u.code))).toBe(true);
    expect(domain.registry.all('ministry').every((u) => units.has(u.code))).toBe(true);
  });

  it('sends only observations that the ingest API accepts', () => {
    const sim = simulator();
    const sweep = sim.next(sim.coverage.pairs, tuesdayMorning);
    const ctx: ValidationContext = {
      indicator: domain.indicator,
      unit: (c) => domain.registry.get(c),
      isWithin: (c, s) => domain.registry.isWithin(c, s),
      scope: { units: ['VN'], indicators: '*' },
      nowMs: tuesdayMorning,
    };
    const seen = new Map<string, number>();
    const rejected = sweep.map((o, i) => validateObservation(o, i, ctx, seen)).filter((r) => !('ok' in r));
    expect(rejected.slice(0, 3)).toEqual([]);
  });

  it("sends yesterday's 766 scores for every reporting unit, dated yesterday, so rankings have a previous period", () => {
    const sim = simulator();
    const scores = sim.yesterdaysScores(tuesdayMorning);
    expect(new Set(scores.map((o) => o.period))).toEqual(new Set(['2026-11-23']));
    expect(scores.filter((o) => o.indicator === 'dvc766_total_score' && /^\d{2}$/.test(o.unit))).toHaveLength(34);
    expect(scores.some((o) => o.indicator === 'dvc766_group_score.mdsh')).toBe(true);
  });

  it('keeps one province quiet for half of every other hour', () => {
    const sim = simulator('48');
    const at = (h: number, m: number) => Date.UTC(2026, 10, 24, h - 7, m);
    expect(sim.lateProvinceNow(at(10, 30))).toBe('48');
    expect(sim.lateProvinceNow(at(10, 5))).toBeUndefined();
    expect(sim.lateProvinceNow(at(11, 30))).toBeUndefined();
    const quiet = sim.next(sim.coverage.pairs, at(10, 30));
    const communes48 = new Set(domain.registry.children('48').map((u) => u.code));
    expect(quiet.some((o) => communes48.has(o.unit) || o.unit === '48')).toBe(false);
  });

  it('follows office hours: a day count grows from morning to evening', { timeout: 60_000 }, () => {
    // one simulator: a full sweep brings its cursor back to where it started
    const s = simulator();
    const total = (h: number) => {
      return s
        .next(s.coverage.pairs, Date.UTC(2026, 10, 24, h - 7, 0))
        .filter((o) => o.indicator === 'dossier_received_count')
        .reduce((a, o) => a + (o.value ?? 0), 0);
    };
    expect(total(9)).toBeGreaterThan(total(7) * 3);
    expect(total(17)).toBeGreaterThan(total(12));
  });
});

describe('history backfill', () => {
  const HOUR = 3600_000;
  it('the last 24 h every two hours, oldest first; then one sweep per earlier day at 17:00, newest first', () => {
    const { recent, past } = backfillTimes(tuesdayMorning, 30);
    expect(recent).toHaveLength(12);
    expect([...recent].sort((a, b) => a - b)).toEqual(recent);
    expect(recent.at(-1)).toBe(tuesdayMorning - 2 * HOUR);
    expect(recent[0]).toBe(tuesdayMorning - 24 * HOUR);
    expect(past).toHaveLength(29); // yesterday 17:00 lies within the last 24 h, played by the recent steps
    expect([...past].sort((a, b) => b - a)).toEqual(past);
    expect(past.every((t) => vnHour(t) === 17 && t < tuesdayMorning - 24 * HOUR)).toBe(true);
    expect(new Set(past.map((t) => currentPeriod('day', t))).size).toBe(29);
    expect(backfillTimes(tuesdayMorning, 0)).toEqual({ recent: [], past: [] });
  });

  it('plays the last 24 h of a big scope at a coarser step, so the live sweep does not wait for a million figures', () => {
    expect(recentStepMs(2_359)).toBe(2 * HOUR); // Đà Nẵng: 12 sweeps
    expect(recentStepMs(83_684)).toBe(10 * HOUR); // the whole country: 2 sweeps, ~167,000 observations
    expect(backfillTimes(tuesdayMorning, 30, recentStepMs(83_684)).recent).toEqual([tuesdayMorning - 20 * HOUR, tuesdayMorning - 10 * HOUR]);
    expect(recentStepMs(10_000_000)).toBe(12 * HOUR);
  });

  it('the past phase leaves out the periods the recent phase played and those still open (live, this month)', () => {
    const { recent } = backfillTimes(tuesdayMorning, 30);
    const played = periodsOf(recent);
    expect(playedInPast('day', '2026-11-23', played)).toBe(false); // yesterday: in the last 24 h
    expect(playedInPast('day', '2026-11-10', played)).toBe(true);
    expect(playedInPast('month', '2026-11', played)).toBe(false);
    expect(playedInPast('month', '2026-10', played)).toBe(true);
    expect(playedInPast('live', 'live', played)).toBe(false);
  });

  it('a backfill sweep is valid ingest input for its own time, for every pair', () => {
    const sim = new Simulator({ domain, ingestUrl: 'http://127.0.0.1:1', tokens: new Map(), rate: 100, lateProvince: 'none', scope: '48', log, now: () => tuesdayMorning });
    const at = tuesdayMorning - 10 * 24 * HOUR;
    const sweep = sim.sweepAt(at);
    expect(sweep).toHaveLength(sim.coverage.pairs);
    const ctx: ValidationContext = {
      indicator: domain.indicator,
      unit: (c) => domain.registry.get(c),
      isWithin: (c, s) => domain.registry.isWithin(c, s),
      scope: { units: ['VN'], indicators: '*' },
      nowMs: tuesdayMorning,
    };
    const seen = new Map<string, number>();
    const bad = sweep.map(({ source: _s, ...o }, i) => validateObservation(o, i, ctx, seen)).filter((r) => !('ok' in r));
    expect(bad).toEqual([]);
    expect(sweep.every((o) => Date.parse(o.observedAt) === at)).toBe(true);
  });

  it('plays recent, then the live sweep, then the past; once per data set (the marker), never on a restart', async () => {
    let claimed = false;
    const summaries: unknown[] = [];
    const hooks = { days: 30, claim: async () => !claimed && (claimed = true), drain: async () => undefined, done: async (s: unknown) => void summaries.push(s) };
    const run = async () => {
      const sim = new Simulator({ domain, ingestUrl: 'http://127.0.0.1:1', tokens: new Map(), rate: 100, lateProvince: 'none', scope: '48', backfill: hooks, log, now: () => tuesdayMorning });
      const times: string[] = [];
      const s = sim as unknown as Record<string, unknown>;
      s.waitForIngest = async () => undefined;
      s.reportDatabases = async () => undefined;
      s.schedule = () => undefined;
      s.post = async (items: PostedItem[]) => {
        times.push(...new Set(items.map((o) => o.observedAt)));
        posted.push(...items);
      };
      await sim.start();
      sim.stop();
      return times;
    };
    type PostedItem = { indicator: string; unit: string; period: string; observedAt: string };
    const posted: PostedItem[] = [];
    const first = await run();
    // the store keeps a period's newest figure and refuses an older one: the past phase (30 days back, over a month's
    // turn) plays each (indicator, unit, period) once, and never one the recent or live sweeps played
    const sent = new Map<string, number>();
    const refusedLater = posted.filter((o) => {
      const key = `${o.indicator}|${o.unit}|${o.period}`;
      const at = Date.parse(o.observedAt);
      const before = sent.get(key);
      if (before === undefined || at >= before) sent.set(key, at);
      return before !== undefined && at < before;
    });
    expect(refusedLater).toEqual([]);
    expect(posted.some((o) => o.period === '2026-10')).toBe(true);
    const live = new Date(tuesdayMorning).toISOString();
    const liveAt = first.indexOf(live);
    expect(liveAt).toBeGreaterThan(0);
    expect(first.slice(0, liveAt).every((t) => Date.parse(t) >= tuesdayMorning - 24 * HOUR)).toBe(true);
    expect(first.slice(liveAt + 1).every((t) => Date.parse(t) < tuesdayMorning - 24 * HOUR)).toBe(true);
    expect(new Set(first.slice(liveAt + 1)).size).toBe(29);
    expect(summaries).toHaveLength(1);
    // a restart: the marker is taken, nothing is replayed (yesterday's 766 scores and the live sweep only)
    const second = await run();
    expect(second.every((t) => Date.parse(t) >= tuesdayMorning - 24 * HOUR)).toBe(true);
    expect(new Set(second).size).toBe(2);
    expect(summaries).toHaveLength(1);
  });
});
