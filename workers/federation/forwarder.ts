import type { RedisClient } from '../../platform/redis';
import type { Logger } from 'pino';
import type { IngestReceipt } from '../../core/contract/observation';
import type { Domain } from '../../platform/domain';
import type { Keys } from '../../store/keys';
import { Lease, wakeableSleep } from '../leader';
import { currentLeafFigures, markSent, markSnapshotted, outboxStatus, readUnsent, type OutboxItem, type UnsentRange } from '../../store/outbox.repo';

/** Figures per forwarded batch (the upper side takes at most 5,000), and bytes (it takes at most 1 MB). */
const BATCH_ITEMS = 5000;
const BATCH_BYTES = 900_000;
/** At most this long between two contacts; shorter for a short LINK_DOWN_MS, so a live link never looks silent. */
const HEARTBEAT_MAX_MS = 5_000;
const BACKOFF_MIN_MS = 500;
// 10 s at most: once the upper side is back, the link resumes within 10 s, however long the outage was
const BACKOFF_MAX_MS = 10_000;
const LEADER_TTL_MS = 15_000;

export interface ForwarderOptions {
  redis: RedisClient;
  keys: Keys;
  domain: Domain;
  url: string;
  token: string;
  /** This installation's id: the first hop of every origin it forwards. */
  instance: string;
  downAfterMs: number;
  log: Logger;
}

/** Why a send did not go through: the token is refused (kept until a new one), or the link is down (retried). */
class LinkError extends Error {
  constructor(
    readonly kind: 'refused' | 'down',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The forwarder of a lower instance (DESIGN §7, docs/federation.md): sends the outbox upstream in order, in batches,
 * with capped exponential backoff and jitter; one per installation (a lease, workers/leader.ts), resumed from its
 * cursor after any restart. The upper side is idempotent on resends (batch ids, and late never beats newer), so a crash between
 * its answer and the cursor's move sends a range again and changes nothing there.
 */
export class Forwarder {
  private running = false;
  private loop: Promise<void> | undefined;
  private scope: string | undefined;
  private lastHeartbeat = 0;
  private failures = 0;
  private wake: (() => void) | undefined;

  constructor(private readonly o: ForwarderOptions) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private sleep(ms: number): Promise<void> {
    return wakeableSleep(ms, (wake) => (this.wake = wake));
  }

  private async run(): Promise<void> {
    const lease = new Lease(this.o.redis, this.o.keys.forwarderLeader(), LEADER_TTL_MS);
    try {
      while (this.running) {
        try {
          if (!(await lease.held())) {
            await this.sleep(2_000);
            continue;
          }
          const busy = await this.step();
          this.failures = 0;
          if (!busy) await this.sleep(250);
        } catch (err) {
          if (!this.running) return;
          const e = err instanceof LinkError ? err : new LinkError('down', (err as Error).message);
          await this.record(e.kind, e.message).catch(() => undefined);
          this.failures += 1;
          const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.min(this.failures, 16));
          await this.sleep(cap / 2 + Math.random() * (cap / 2));
        }
      }
    } finally {
      // on shutdown another worker process takes over at once, not after the TTL
      await lease.release().catch(() => undefined);
    }
  }

  /** One unit of work; true when there may be more to do at once. */
  private async step(): Promise<boolean> {
    this.scope ??= await this.linkScope();
    const range = await readUnsent(this.o.redis, this.o.keys, BATCH_ITEMS);
    if (range) {
      // named by both ends: a range resent after a lost answer is the same batch above only if it is the same range
      await this.send(`fwd-${range.firstId}-${range.lastId}`, range.items, range);
      await markSent(this.o.redis, this.o.keys, range);
      return true;
    }
    const status = await outboxStatus(this.o.redis, this.o.keys);
    // the first connection, and every overflow, is answered with a snapshot of current values: figures written
    // before the link was configured (or dropped past the outbox's size) reach the upper side too
    if (status.overflow || !status.introduced) {
      let i = 0;
      const at = Date.now();
      for await (const chunk of currentLeafFigures(this.o.redis, this.o.keys, BATCH_ITEMS)) await this.send(`snap-${at}-${i++}`, chunk);
      await markSnapshotted(this.o.redis, this.o.keys, status.overflows);
      if (status.overflow) this.o.log.warn({ overflows: status.overflows }, 'federation outbox had overflowed: a snapshot of current values was sent');
      else this.o.log.info('first connection upstream: a snapshot of current values was sent');
      return true;
    }
    if (Date.now() - this.lastHeartbeat >= Math.min(HEARTBEAT_MAX_MS, this.o.downAfterMs / 4)) {
      await this.post('/api/v1/link/status', await this.report());
      await this.record('ok');
    }
    return false;
  }

  private async report(sending?: UnsentRange): Promise<{ backlog: number; oldestUnsentAt: number | null; overflow: boolean }> {
    const s = await outboxStatus(this.o.redis, this.o.keys, sending);
    return { backlog: s.backlog, oldestUnsentAt: s.oldestUnsentAt, overflow: s.overflow };
  }

  private async linkScope(): Promise<string> {
    const res = await this.request('GET', '/api/v1/link');
    const body = (await res.json()) as { scope?: unknown };
    if (typeof body.scope !== 'string') throw new LinkError('down', 'the upper side did not say the link scope');
    await this.o.redis.hset(this.o.keys.upstream(), 'scope', body.scope);
    return body.scope;
  }

  /** Sends figures within the link's scope as one batch; what the upper side refuses is recorded, not resent. */
  private async send(batchId: string, items: OutboxItem[], range?: UnsentRange): Promise<void> {
    const latest = new Map<string, OutboxItem>();
    for (const it of items) {
      if (!this.o.domain.registry.isWithin(it[1], this.scope!)) continue;
      const key = `${it[0]}|${it[1]}|${it[2]}`;
      const before = latest.get(key);
      if (!before || before[5] <= it[5]) latest.set(key, it);
    }
    if (latest.size === 0) return;
    const report = await this.report(range);
    // within the upper side's body limit: long origins make a figure a few hundred bytes
    const chunks: Record<string, unknown>[][] = [[]];
    let bytes = 0;
    for (const it of latest.values()) {
      const w = this.wire(it);
      const size = JSON.stringify(w).length + 1;
      if (bytes + size > BATCH_BYTES && chunks.at(-1)!.length > 0) {
        chunks.push([]);
        bytes = 0;
      }
      chunks.at(-1)!.push(w);
      bytes += size;
    }
    for (const [i, observations] of chunks.entries()) {
      const res = await this.post('/api/v1/observations', { batchId: chunks.length > 1 ? `${batchId}-${i}` : batchId, observations, link: report });
      await this.tally(batchId, (await res.json()) as IngestReceipt);
    }
    await this.record('ok');
  }

  /** What the upper side refused is recorded (not resent); older figures than its own are no error after a resend. */
  private async tally(batchId: string, receipt: IngestReceipt): Promise<void> {
    const refused = receipt.rejected.filter((r) => r.code !== 'older_than_stored');
    await this.o.redis
      .multi()
      .hincrby(this.o.keys.upstream(), 'accepted', receipt.accepted)
      .hincrby(this.o.keys.upstream(), 'rejected', refused.length)
      .exec();
    if (refused[0]) {
      this.o.log.warn({ batchId, refused: refused.length, first: refused[0] }, 'the upper IOC refused forwarded figures');
      await this.o.redis.hset(this.o.keys.upstream(), 'lastRejection', `${refused.length} refused, e.g. ${refused[0].code}: ${refused[0].reason}`);
    }
  }

  /** A figure as the upper side's ingest takes it: by kind, with its origin `<instance>:<source>`. */
  private wire(it: OutboxItem): Record<string, unknown> {
    const [indicator, unit, period, num, den, observedAt, source] = it;
    const kind = this.o.domain.indicator(indicator)?.kind;
    const figures = kind === 'ratio' || kind === 'wmean' ? { num, den } : { value: num };
    return { indicator, unit, period, ...figures, observedAt, source: `${this.o.instance}:${source}` };
  }

  private async post(path: string, body: unknown): Promise<Response> {
    return this.request('POST', path, body);
  }

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.o.url), {
        method,
        headers: { authorization: `Bearer ${this.o.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (err) {
      throw new LinkError('down', `the upper IOC does not answer: ${(err as Error).message}`);
    }
    if (res.status === 401 || res.status === 403) {
      const text = await res.text();
      throw new LinkError('refused', `the upper IOC refuses the link token (${res.status}): ${text.slice(0, 300)}`);
    }
    if (res.status >= 400) throw new LinkError('down', `the upper IOC answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return res;
  }

  private async record(outcome: 'ok' | 'refused' | 'down', error?: string): Promise<void> {
    const now = Date.now();
    if (outcome === 'ok') {
      this.lastHeartbeat = now;
      await this.o.redis.hset(this.o.keys.upstream(), 'lastSentAt', now, 'lastAttemptAt', now);
      return;
    }
    if (outcome === 'refused') this.scope = undefined;
    const fields: (string | number)[] = ['lastAttemptAt', now, 'lastError', error ?? outcome, 'lastErrorAt', now];
    if (outcome === 'refused') fields.push('refusedAt', now);
    await this.o.redis.hset(this.o.keys.upstream(), ...fields);
  }
}
