import { hostname } from 'node:os';
import type { RedisClient } from '../platform/redis';
import type { Logger } from 'pino';
import { claimLease, releaseLease } from '../store/leases.repo';

/**
 * One holder of a Redis lease (store/leases.repo.ts) per role, across every worker process on one Redis: the alert
 * evaluator, the forwarder and the simulator each run in the one process that holds their lease. `Lease` is the
 * claim-or-renew step, for a loop that asks before each unit of work (the forwarder); `Leadership` runs a role for as
 * long as the lease is held, renewing it meanwhile, and gives it up to another process when it is lost.
 */
export class Lease {
  /** Which process holds it, as the lease's value says (host, pid and a random part: a restarted pid is another holder). */
  readonly holder = `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly redis: RedisClient,
    readonly key: string,
    readonly ttlMs: number,
  ) {}

  /** Takes or renews the lease: true when this process holds it for ttlMs more. */
  held(): Promise<boolean> {
    return claimLease(this.redis, this.key, this.holder, this.ttlMs);
  }

  /** Gives the lease up at once (on shutdown), so another process takes over without waiting for the TTL. */
  release(): Promise<void> {
    return releaseLease(this.redis, this.key, this.holder);
  }
}

export interface LeadershipOptions {
  redis: RedisClient;
  key: string;
  /** How long the lease outlives its last renewal: a crashed leader is replaced within ttlMs + retryMs. */
  ttlMs: number;
  /** How often a process without the lease tries to take it. */
  retryMs: number;
  /** The role's name, in logs. */
  role: string;
  log: Logger;
}

/**
 * Runs `lead` in one process at a time: waits for the lease, calls `lead(lost)` and renews the lease every ttlMs/3
 * until `lost` aborts — the lease went to another process (a renewal found another holder, or none succeeded within
 * ttlMs while Redis was away), or stop() was called. `lead` must resolve once its role has stopped after `lost`
 * aborts; when it resolves on its own, the lease is released and taken again later.
 */
export class Leadership {
  private readonly lease: Lease;
  private running = false;
  private loop: Promise<void> | undefined;
  private current: AbortController | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly o: LeadershipOptions,
    private readonly lead: (lost: AbortSignal) => Promise<void>,
  ) {
    this.lease = new Lease(o.redis, o.key, o.ttlMs);
  }

  get holder(): string {
    return this.lease.holder;
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.current?.abort();
    this.wake?.();
    await this.loop;
    await this.lease.release().catch(() => undefined);
  }

  private sleep(ms: number): Promise<void> {
    return wakeableSleep(ms, (wake) => (this.wake = wake));
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (!(await this.lease.held().catch(() => false))) {
        await this.sleep(this.o.retryMs);
        continue;
      }
      const lost = new AbortController();
      this.current = lost;
      this.o.log.info({ role: this.o.role, holder: this.lease.holder }, `${this.o.role}: this process leads`);
      const renewal = this.keep(lost);
      try {
        await this.lead(lost.signal);
      } catch (err) {
        this.o.log.warn({ role: this.o.role, err: (err as Error).message }, `${this.o.role} failed`);
      } finally {
        clearInterval(renewal);
      }
      if (!this.running) return;
      if (lost.signal.aborted) this.o.log.warn({ role: this.o.role }, `${this.o.role}: the lease passed to another process`);
      else await this.lease.release().catch(() => undefined);
      await this.sleep(this.o.retryMs);
    }
  }

  /** Renews the lease every ttlMs/3; aborts `lost` once it is someone else's, or unrenewed for ttlMs. */
  private keep(lost: AbortController): NodeJS.Timeout {
    let renewedAt = Date.now();
    return setInterval(() => {
      void this.lease.held().then(
        (held) => {
          if (held) renewedAt = Date.now();
          else lost.abort();
        },
        (err: Error) => {
          this.o.log.warn({ role: this.o.role, err: err.message }, `${this.o.role}: lease renewal failed`);
          if (Date.now() - renewedAt >= this.o.ttlMs) lost.abort();
        },
      );
    }, Math.max(100, Math.floor(this.o.ttlMs / 3)));
  }
}

/** Resolves after `ms`, or at once when the function handed to `onWake` is called (a stop() that should not wait). */
export function wakeableSleep(ms: number, onWake: (wake: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    onWake(() => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** Resolves when `signal` aborts. */
export function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
}
