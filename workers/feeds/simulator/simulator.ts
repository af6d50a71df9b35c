import type { Logger } from 'pino';
import { MAX_BATCH_ITEMS } from '../../../core/contract/observation';
import { reportingLevels } from '../../../core/contract/validate-observation';
import type { Indicator } from '../../../core/indicators/indicator';
import type { Domain } from '../../../platform/domain';
import { anomalyOf, SIMULATED, simulate, type Shape, type SimulatedObservation } from './scenario';
import { hash32, traitsOf, vnHour, type UnitTraits } from './traits';

interface Pair {
  ind: Indicator;
  shape: Shape;
  code: string;
  traits: UnitTraits;
  province: string | null;
}

export interface SimulatorOptions {
  domain: Domain;
  ingestUrl: string;
  token: string;
  /** Observations per second after the first full sweep. */
  rate: number;
  /** A province code, 'auto' (one chosen by the date) or 'none'. */
  lateProvince: string;
  log: Logger;
  now?: () => number;
}

/**
 * The embedded default source. It plays a working day for every commune, province and ministry through the same
 * ingest API as any feed, with its own token: a full sweep at start so a fresh install is alive at once, then a
 * steady rate. One province goes quiet for half of every other hour (a late feed), and one province's on-time rate
 * drops in the afternoon (an anomaly that trips an alert).
 */
export class Simulator {
  private readonly pairs: Pair[];
  private readonly provinces: string[];
  private cursor = 0;
  private batchNo = 0;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
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
          const province = u.level === 'commune' ? u.parent : u.level === 'province' ? u.code : null;
          this.pairs.push({ ind, shape, code: u.code, traits: traitsOf(u.code, u.areaKm2, u.level), province });
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

  /** The next `count` observations of the round-robin sweep. */
  next(count: number, nowMs = this.now()): SimulatedObservation[] {
    const out: SimulatedObservation[] = [];
    const late = this.lateProvinceNow(nowMs);
    const anomaly = anomalyOf(this.provinces, nowMs);
    for (let i = 0; i < Math.min(count, this.pairs.length); i++) {
      const p = this.pairs[this.cursor]!;
      this.cursor = (this.cursor + 1) % this.pairs.length;
      if (late && p.province === late) continue;
      out.push(simulate(p.ind, p.shape, p, nowMs, anomaly));
    }
    return out;
  }

  async start(): Promise<void> {
    this.running = true;
    await this.waitForIngest();
    const { indicators, pairs } = this.coverage;
    this.opts.log.info({ indicators, pairs, rate: this.opts.rate }, 'simulator: first full sweep');
    for (let sent = 0; sent < this.pairs.length && this.running; sent += MAX_BATCH_ITEMS) {
      await this.post(this.next(Math.min(MAX_BATCH_ITEMS, this.pairs.length - sent)));
    }
    this.schedule();
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

  stop(): void {
    this.running = false;
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

  private async post(observations: SimulatedObservation[]): Promise<void> {
    if (observations.length === 0) return;
    const batchId = `sim-${this.runId}-${++this.batchNo}`;
    try {
      const res = await fetch(`${this.opts.ingestUrl}/api/v1/observations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.opts.token}` },
        body: JSON.stringify({ batchId, observations }),
      });
      const body = (await res.json()) as { accepted?: number; rejected?: { index: number; reason: string }[] };
      if (res.status !== 202 || (body.rejected?.length ?? 0) > 0) {
        this.opts.log.warn({ status: res.status, rejected: body.rejected?.slice(0, 3) }, 'simulator batch not fully accepted');
      }
    } catch (err) {
      this.opts.log.warn({ err: (err as Error).message }, 'simulator could not reach the ingest API; retrying next tick');
    }
  }
}
