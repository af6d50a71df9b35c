import type { Logger } from 'pino';
import { MAX_BATCH_ITEMS } from '../../../core/contract/observation';
import { reportingLevels } from '../../../core/contract/validate-observation';
import type { Indicator, PeriodKind } from '../../../core/indicators/indicator';
import type { Domain } from '../../../platform/domain';
import { anomalyOf, reportsShape, SIMULATED, simulate, type Shape, type SimulatedObservation } from './scenario';
import { allSimulatedDatabases } from './priority-databases.sim';
import { hash32, traitsOf, vnHour, type UnitTraits } from './traits';
import { backfillTimes, periodsOf, playedInPast, recentStepMs, type BackfillHooks } from './backfill';

interface Pair {
  /** The simulated source that reports it: its province, its ministry, or the nation. */
  source: string;
  ind: Indicator;
  shape: Shape;
  code: string;
  traits: UnitTraits;
  province: string | null;
}

export interface SimulatorOptions {
  domain: Domain;
  ingestUrl: string;
  /** Token of each simulated source, keyed by province code, ministry code or VN (see simulatedSources). */
  tokens: ReadonlyMap<string, string>;
  /** Observations per second after the first full sweep. */
  rate: number;
  /** A province code, 'auto' (one chosen by the date) or 'none'. */
  lateProvince: string;
  /** Play only this unit's subtree (SIMULATOR_SCOPE: a provincial instance plays its province and communes); VN: all. */
  scope?: string;
  /** On the first start of a data set, play the last days into the series first (SIMULATOR_BACKFILL_DAYS). */
  backfill?: BackfillHooks;
  log: Logger;
  now?: () => number;
}

/**
 * The embedded default source. It plays a working day for every commune, province and ministry through the same
 * ingest API as any feed, with its own token: a full sweep at start so a fresh install is alive at once, then a
 * steady rate. One province goes quiet for half of every other hour (a late feed), and one province's on-time rate
 * drops in the afternoon (an anomaly that trips an alert).
 */
/**
 * The sources the simulator plays: one IOC system per province (with Sơn La's 17:00 daily deadline rule), one feed
 * per ministry, and the national statistics feed. Keyed as Pair.source.
 */
export function simulatedSources(domain: Domain, scope = 'VN'): { key: string; id: string; name: string; units: string[]; deadline?: string }[] {
  const { registry } = domain;
  const all = [
    ...registry.all('province').map((p) => ({ key: p.code, id: `sim-${p.code}`, name: `Mô phỏng — IOC ${p.fullName.vi}`, units: [p.code], deadline: '17:00' })),
    ...registry.all('ministry').map((m) => ({ key: m.code, id: `sim-${m.code.toLowerCase()}`, name: `Mô phỏng — ${m.fullName.vi}`, units: [m.code] })),
    { key: 'VN', id: 'sim-vn', name: 'Mô phỏng — Số liệu quốc gia', units: ['VN'] },
  ];
  if (scope === 'VN') return all;
  // a provincial (or commune) instance: its own province's system, reporting only within the scope
  const province = registry.get(scope)?.level === 'commune' ? registry.get(scope)!.parent! : scope;
  return all.filter((s) => s.key === province).map((s) => ({ ...s, units: [scope] }));
}

export class Simulator {
  private readonly pairs: Pair[];
  private readonly provinces: string[];
  private cursor = 0;
  private batchNo = 0;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private databaseTimer: NodeJS.Timeout | undefined;
  private readonly runId = Date.now().toString(36);
  private readonly now: () => number;

  constructor(private readonly opts: SimulatorOptions) {
    this.now = opts.now ?? Date.now;
    const { registry } = opts.domain;
    this.provinces = registry.all('province').map((u) => u.code);
    this.pairs = [];
    for (const [id, shape] of Object.entries(SIMULATED)) {
      const ind = opts.domain.indicator(id);
      if (!ind) continue;
      for (const level of reportingLevels(ind)) {
        for (const u of registry.all(level)) {
          if (!reportsShape(shape, u)) continue;
          if (opts.scope && opts.scope !== 'VN' && !registry.isWithin(u.code, opts.scope)) continue;
          const province = u.level === 'commune' ? u.parent : u.level === 'province' ? u.code : null;
          const source = province ?? (u.level === 'ministry' ? u.code : 'VN');
          this.pairs.push({ source, ind, shape, code: u.code, traits: traitsOf(u.code, u.areaKm2, u.level), province });
        }
      }
    }
    this.pairs.sort((a, b) => hash32(`${a.code}:${a.ind.id}`) - hash32(`${b.code}:${b.ind.id}`));
  }

  /** Indicators played and (indicator, unit) pairs per sweep. */
  get coverage(): { indicators: number; pairs: number } {
    return { indicators: new Set(this.pairs.map((p) => p.ind.id)).size, pairs: this.pairs.length };
  }

  lateProvinceNow(nowMs: number): string | undefined {
    const { lateProvince } = this.opts;
    if (lateProvince === 'none') return undefined;
    const code = lateProvince === 'auto' ? this.provinces[hash32(new Date(nowMs).toISOString().slice(0, 10)) % this.provinces.length] : lateProvince;
    const h = vnHour(nowMs);
    const lateNow = Math.floor(h) % 2 === 0 && h % 1 >= 1 / 3 && h % 1 < 5 / 6;
    return lateNow ? code : undefined;
  }

  /** The next `count` observations of the round-robin sweep, each with the simulated source that sends it. */
  next(count: number, nowMs = this.now()): (SimulatedObservation & { source: string })[] {
    const out: (SimulatedObservation & { source: string })[] = [];
    const late = this.lateProvinceNow(nowMs);
    const anomaly = anomalyOf(this.provinces, nowMs);
    for (let i = 0; i < Math.min(count, this.pairs.length); i++) {
      const p = this.pairs[this.cursor]!;
      this.cursor = (this.cursor + 1) % this.pairs.length;
      if (late && p.province === late) continue;
      out.push({ ...simulate(p.ind, p.shape, p, nowMs, anomaly), source: p.source });
    }
    return out;
  }

  /**
   * Yesterday's 766 scores (total and groups), as the portal published them: rankings show a change since the
   * previous period from the first minute, not only after a day of running.
   */
  yesterdaysScores(nowMs: number): (SimulatedObservation & { source: string })[] {
    const yesterday = nowMs - 86400_000;
    return this.pairs
      .filter((p) => p.shape.kind === 'dvc766' && p.ind.periodKind === 'day')
      .map((p) => ({ ...simulate(p.ind, p.shape, p, yesterday), source: p.source }));
  }

  /** Every pair as it stood at `atMs`: a backfill's sweep (no late province, no anomaly: history stays calm). */
  sweepAt(atMs: number): (SimulatedObservation & { source: string })[] {
    return this.pairs.map((p) => ({ ...simulate(p.ind, p.shape, p, atMs), source: p.source }));
  }

  /**
   * A fresh install's history, through the ingest API like any sweep, once per data set (a marker in Redis), waiting
   * for the queue between slices. `recent` (before the live sweep): the last 24 h every two hours, oldest first.
   * `past` (after it, while the simulator runs live): one sweep per earlier day at 17:00, newest first, without the
   * periods the recent phase played, the live one holds, or a newer past day played. Returns the observations posted.
   */
  async backfill(hooks: BackfillHooks, phase: 'recent' | 'past'): Promise<number> {
    const plan = backfillTimes(this.now(), hooks.days, recentStepMs(this.pairs.length));
    const times = plan[phase];
    const played = periodsOf(plan.recent);
    const started = Date.now();
    let posted = 0;
    for (const t of times) {
      let sweep = this.sweepAt(t);
      if (phase === 'past') {
        sweep = sweep.filter((o) => playedInPast(this.kindOf(o.indicator), o.period, played));
        // a month, quarter or year spans many past days: its newest one, played first, gives its figure (an older
        // day's would only be refused as older than the stored one)
        for (const p of periodsOf([t])) played.add(p);
      }
      for (let i = 0; i < sweep.length && this.running; i += MAX_BATCH_ITEMS) {
        await hooks.drain();
        const slice = sweep.slice(i, i + MAX_BATCH_ITEMS);
        // a lost batch would be a hole in the history: resent (same batch id, so applied once) a few times
        await this.post(slice, 4);
        posted += slice.length;
      }
      if (!this.running) break;
    }
    this.opts.log.info({ phase, sweeps: times.length, observations: posted, ms: Date.now() - started }, 'simulator: history backfilled');
    return posted;
  }

  private kindOf(indicator: string): PeriodKind {
    return this.opts.domain.indicator(indicator)?.periodKind ?? 'live';
  }

  async start(): Promise<void> {
    this.running = true;
    await this.waitForIngest();
    const hooks = this.opts.backfill;
    const backfilling = hooks !== undefined && hooks.days > 0 && (await hooks.claim());
    const started = Date.now();
    let posted = backfilling ? await this.backfill(hooks, 'recent') : 0;
    await this.reportDatabases();
    // a backfill has played yesterday already, later in its day than this would
    if (!backfilling) await this.post(this.yesterdaysScores(this.now()));
    this.databaseTimer = setInterval(() => void this.reportDatabases(), 3600_000);
    const { indicators, pairs } = this.coverage;
    this.opts.log.info({ indicators, pairs, rate: this.opts.rate }, 'simulator: first full sweep');
    for (let sent = 0; sent < this.pairs.length && this.running; sent += MAX_BATCH_ITEMS) {
      await this.post(this.next(Math.min(MAX_BATCH_ITEMS, this.pairs.length - sent)));
    }
    this.schedule();
    if (backfilling) {
      const liveAfterMs = Date.now() - started;
      posted += await this.backfill(hooks, 'past');
      await hooks.done({ observations: posted, ms: Date.now() - started, liveAfterMs });
    }
  }

  /** Waits until the ingest API answers, so the first sweep is not lost while the server starts. */
  private async waitForIngest(): Promise<void> {
    while (this.running) {
      try {
        if ((await fetch(`${this.opts.ingestUrl}/api/v1/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** Each owner ministry reports its priority databases' milestones (PUT, with that ministry's token). */
  private async reportDatabases(): Promise<void> {
    for (const db of allSimulatedDatabases(this.now())) {
      const token = this.opts.tokens.get(db.owner);
      if (!token) continue;
      try {
        const res = await fetch(`${this.opts.ingestUrl}/api/v1/priority-databases/${db.id}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ milestones: db.milestones }),
        });
        if (!res.ok) this.opts.log.warn({ db: db.id, status: res.status, body: await res.text() }, 'priority database report refused');
      } catch (err) {
        this.opts.log.warn({ err: describe(err) }, 'simulator could not report a priority database');
      }
    }
  }

  stop(): void {
    this.running = false;
    if (this.databaseTimer) clearInterval(this.databaseTimer);
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(delayMs = 1000): void {
    if (this.running) this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  /** One second's worth of observations, then the next tick a second after this one started. */
  private async tick(): Promise<void> {
    const started = Date.now();
    let left = Math.max(1, Math.round(this.opts.rate));
    while (left > 0 && this.running) {
      const n = Math.min(left, MAX_BATCH_ITEMS);
      await this.post(this.next(n));
      left -= n;
    }
    this.schedule(Math.max(0, 1000 - (Date.now() - started)));
  }

  /** Posts a slice of the sweep: one batch per simulated source, each with its own token; a batch the network lost is resent up to `attempts` − 1 times. */
  private async post(items: (SimulatedObservation & { source: string })[], attempts = 1): Promise<void> {
    const bySource = new Map<string, SimulatedObservation[]>();
    for (const { source, ...o } of items) {
      const list = bySource.get(source) ?? [];
      list.push(o);
      bySource.set(source, list);
    }
    let batches = [...bySource].map(([source, observations]) => ({ source, observations, batchId: `sim-${this.runId}-${++this.batchNo}` }));
    for (let attempt = 1; batches.length > 0 && this.running; attempt++) {
      const sent = await Promise.all(batches.map((b) => this.postBatch(b.source, b.observations, b.batchId, attempt >= attempts)));
      batches = batches.filter((_, i) => !sent[i]);
      if (attempt >= attempts) break;
      if (batches.length > 0) await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }

  /** False when the ingest API could not be reached (the batch may be resent with its id: it is applied once). */
  private async postBatch(source: string, observations: SimulatedObservation[], batchId: string, last = true): Promise<boolean> {
    const token = this.opts.tokens.get(source);
    if (!token || observations.length === 0) return true;
    try {
      const res = await fetch(`${this.opts.ingestUrl}/api/v1/observations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ batchId, observations }),
      });
      const body = (await res.json()) as { accepted?: number; rejected?: { index: number; reason: string }[] };
      if (res.status !== 202 || (body.rejected?.length ?? 0) > 0) {
        this.opts.log.warn({ status: res.status, rejected: body.rejected?.slice(0, 3) }, 'simulator batch not fully accepted');
      }
      return true;
    } catch (err) {
      if (last) this.opts.log.warn({ err: describe(err) }, 'simulator could not reach the ingest API; retrying next tick');
      return false;
    }
  }
}

/** fetch() says only "fetch failed"; the cause (ECONNREFUSED, a reset socket…) is what an operator needs. */
function describe(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  return e.cause ? `${e.message}: ${e.cause.code ?? e.cause.message ?? String(e.cause)}` : e.message;
}
