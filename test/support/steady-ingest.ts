import type { RedisClient } from '../../platform/redis';
import type { Keys } from '../../store/keys';
import { createSource } from '../../store/sources.repo';
import { mulberry32 } from '../../core/aggregation/prng';

/** The three rollup kinds a fault test feeds (commune level, day periods). */
export const FAULT_INDICATORS = {
  sum: 'dossier_received_count',
  ratio: 'dossier_on_time_rate',
  wmean: 'avg_processing_days',
} as const;

/** One observation as sent, with the components the store must keep for it (core/aggregation/components.ts). */
export interface SentObservation {
  indicator: string;
  unit: string;
  period: string;
  num: number;
  den: number | null;
  /** observedAt (ms): batch n observes at start + n ms, so later batches are newer ("late never beats newer"). */
  at: number;
}

export interface SentBatch {
  /** The source id (the stack's source record) that sent it. */
  source: string;
  batchId: string;
  observations: SentObservation[];
}

/** One HTTP attempt: its status (or 'network' when no answer came: a refused or reset connection, a timeout). */
export interface Attempt {
  at: number;
  ms: number;
  status: number | 'network';
  code?: string;
}

export interface SteadyIngestOptions {
  url: string;
  redis: RedisClient;
  keys: Keys;
  communes: readonly string[];
  period: string;
  /** Parallel senders, each with its own source token (the ingest rate limit is per token). */
  senders?: number;
  batchSize?: number;
  /** Pause after each answered batch, per sender. */
  pauseMs?: number;
  /** Share of a batch's items that correct a figure sent earlier. */
  corrections?: number;
  /** Stop after this many batches are accepted (202). */
  maxBatches?: number;
  /** Wait before a batch answered 503, or not answered, is sent again (the same batchId). */
  retryMs?: number;
}

/**
 * Steady ingest through the real API, as a feed would send it: batches over many communes of sum, ratio and wmean
 * figures, some correcting figures sent earlier. Every figure of batch n is new (its numbers carry n) and observed at
 * a time of its own, later than batch n − 1's, so what must be stored in the end is known whatever order the workers
 * apply the batches in. A batch answered 503, or not answered at all, is sent again with the same batchId until it
 * is answered; `accepted` holds the batches answered 202, `attempts` every answer.
 */
export class SteadyIngest {
  readonly accepted: SentBatch[] = [];
  readonly attempts: Attempt[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private next = 0;
  private readonly sent: SentObservation[] = [];
  private readonly random = mulberry32(20261128);
  private readonly o: Required<SteadyIngestOptions>;
  private waiters: Array<{ n: number; resolve: () => void }> = [];
  /** A minute ago: observedAt stays in the past (and in today's period) for the 60,000 batches a run may send. */
  private readonly startedAt = Date.now() - 60_000;

  constructor(options: SteadyIngestOptions) {
    this.o = { senders: 3, batchSize: 40, pauseMs: 80, corrections: 0.3, maxBatches: Number.POSITIVE_INFINITY, retryMs: 250, ...options };
  }

  async start(): Promise<void> {
    this.running = true;
    for (let i = 0; i < this.o.senders; i++) {
      const indicators = Object.values(FAULT_INDICATORS);
      const { source, token } = await createSource(this.o.redis, this.o.keys, { name: `fault-feed-${i}`, units: ['VN'], indicators });
      this.loops.push(this.sender(source.id, token));
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Resolves once `n` batches in all have been accepted. */
  untilAccepted(n: number): Promise<void> {
    if (this.accepted.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  /** Answers other than 202 and 503, and answers without a body's error code, by status: what must not happen. */
  unexpected(): Attempt[] {
    return this.attempts.filter((a) => a.status !== 202 && !(a.status === 503 && a.code === 'unavailable') && a.status !== 'network');
  }

  private makeBatch(n: number): { observations: Record<string, unknown>[]; expected: SentObservation[] } {
    const { communes, period, batchSize, corrections } = this.o;
    const kinds = Object.entries(FAULT_INDICATORS);
    const taken = new Set<string>();
    const observations: Record<string, unknown>[] = [];
    const expected: SentObservation[] = [];
    const at = this.startedAt + n;
    const observedAt = new Date(at).toISOString();
    for (let j = 0; observations.length < batchSize && j < batchSize * 4; j++) {
      let indicator: string;
      let unit: string;
      if (this.sent.length > 0 && this.random() < corrections) {
        const earlier = this.sent[Math.floor(this.random() * this.sent.length)]!;
        ({ indicator, unit } = earlier);
      } else {
        indicator = kinds[Math.floor(this.random() * kinds.length)]![1];
        unit = communes[Math.floor(this.random() * communes.length)]!;
      }
      const key = `${indicator}|${unit}`;
      if (taken.has(key)) continue;
      taken.add(key);
      const k = observations.length;
      let wire: Record<string, unknown>;
      let stored: SentObservation;
      if (indicator === FAULT_INDICATORS.sum) {
        const value = n * 1000 + k;
        wire = { value };
        stored = { indicator, unit, period, num: value, den: null, at };
      } else if (indicator === FAULT_INDICATORS.ratio) {
        const den = 1000 + n;
        const num = (n * 7 + k) % den;
        wire = { num, den };
        stored = { indicator, unit, period, num, den, at };
      } else {
        const value = 1 + ((n + k) % 40) / 8;
        const weight = 1 + n;
        wire = { value, weight };
        stored = { indicator, unit, period, num: value * weight, den: weight, at };
      }
      observations.push({ indicator, unit, period, observedAt, ...wire });
      expected.push(stored);
    }
    return { observations, expected };
  }

  private async sender(source: string, token: string): Promise<void> {
    while (this.running && this.accepted.length < this.o.maxBatches) {
      const n = this.next++;
      const batchId = `fault-${n}`;
      const { observations, expected } = this.makeBatch(n);
      const body = JSON.stringify({ batchId, observations });
      // the same batch until it is answered: a feed that got no answer, or a 503, sends it again
      for (;;) {
        const at = Date.now();
        const attempt: Attempt = { at, ms: 0, status: 'network' };
        try {
          const res = await fetch(`${this.o.url}/api/v1/observations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body,
            signal: AbortSignal.timeout(20_000),
          });
          attempt.status = res.status;
          const answer = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
          if (answer.error?.code) attempt.code = answer.error.code;
        } catch {
          // no answer: refused, reset or timed out
        }
        attempt.ms = Date.now() - at;
        this.attempts.push(attempt);
        if (attempt.status === 202) break;
        if (attempt.status !== 503 && attempt.status !== 'network') break; // told; the test fails on it
        if (!this.running) return;
        await new Promise((r) => setTimeout(r, this.o.retryMs));
      }
      const last = this.attempts.at(-1)!;
      if (last.status === 202) {
        this.accepted.push({ source, batchId, observations: expected });
        this.sent.push(...expected);
        this.waiters = this.waiters.filter((w) => (this.accepted.length >= w.n ? (w.resolve(), false) : true));
      }
      await new Promise((r) => setTimeout(r, this.o.pauseMs));
    }
  }
}
