import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { RedisClient } from '../platform/redis';
import { addApplyTimings } from '../store/apply-timings.repo';
import { dropHeartbeats, FORGET_PROCESS_MS, readHeartbeats, recordHeartbeats, type Heartbeat } from '../store/heartbeats.repo';
import type { Keys } from '../store/keys';
import { leaseHolder } from '../store/leases.repo';
import { restoreApplyTimings, takeApplyTimings } from './apply-timings';

export interface HeartbeatOptions {
  redis: RedisClient;
  keys: Keys;
  everyMs: number;
  /** The optional roles this process runs (health expects their leases held). */
  simulator: boolean;
  forwarder: boolean;
  /** Lease roles by their heartbeat name: beaten while anyone holds the lease. */
  leases: Record<string, string>;
  log: Logger;
}

/**
 * A worker process's heartbeat (docs/operations.md): every `everyMs` it records itself, each lease role that has a
 * holder, and adds its apply durations to the shared histogram. A process silent for a day (crashed long ago, or its
 * host scaled away) is forgotten by the next one to start.
 */
export async function startHeartbeat(o: HeartbeatOptions): Promise<{ id: string; stop(): Promise<void> }> {
  // host and pid say which process; the random part tells a restarted pid from the one before
  const id = `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
  const beat = async () => {
    const at = Date.now();
    const holders = await Promise.all(Object.values(o.leases).map((key) => leaseHolder(o.redis, key)));
    const roles = Object.keys(o.leases).filter((_, i) => holders[i] !== undefined);
    const self: Heartbeat = { at, simulator: o.simulator, forwarder: o.forwarder };
    await recordHeartbeats(o.redis, o.keys, [{ kind: 'process', name: id, beat: self }, ...roles.map((name) => ({ kind: 'role' as const, name, beat: { at } }))]);
    const timings = takeApplyTimings();
    await addApplyTimings(o.redis, o.keys, timings).catch((err: Error) => {
      restoreApplyTimings(timings);
      throw err;
    });
  };
  const gone = [...(await readHeartbeats(o.redis, o.keys)).process].filter(([, b]) => Date.now() - b.at > FORGET_PROCESS_MS).map(([id]) => id);
  await dropHeartbeats(o.redis, o.keys, 'process', gone);
  await beat();
  const timer = setInterval(() => void beat().catch((err: Error) => o.log.warn({ err: err.message }, 'heartbeat failed')), o.everyMs);
  return {
    id,
    async stop() {
      clearInterval(timer);
      // the last apply figures go out; the entry stays: when no other process beats, health says since when
      await beat().catch(() => undefined);
    },
  };
}
