import type { RedisClient } from '../platform/redis';
import type { Keys } from './keys';

/**
 * Heartbeats (docs/operations.md): one hash of the instance, field = what beats, value = JSON with its time.
 * `process:<id>`: a worker process, every HEARTBEAT_MS; `role:<name>`: a lease role (the alert evaluator, the simulator,
 * the forwarder) that had a holder at a worker's beat; `job:<name>`: a scheduled job's last run (its start).
 */
export interface Heartbeat {
  at: number;
  /** A worker process: the optional roles it runs (so health knows which roles to expect). */
  simulator?: boolean;
  forwarder?: boolean;
  /** A job: how often it runs, when the beat says it (the period pruner). */
  everyMs?: number;
}

export type HeartbeatKind = 'process' | 'role' | 'job';

export const heartbeatField = (kind: HeartbeatKind, name: string) => `${kind}:${name}`;

/** A process entry silent this long is dropped (a process that crashed long ago, or a host scaled away). */
export const FORGET_PROCESS_MS = 24 * 3600_000;

export async function recordHeartbeats(redis: RedisClient, keys: Keys, beats: readonly { kind: HeartbeatKind; name: string; beat: Heartbeat }[]): Promise<void> {
  if (beats.length === 0) return;
  await redis.hset(keys.heartbeats(), Object.fromEntries(beats.map((b) => [heartbeatField(b.kind, b.name), JSON.stringify(b.beat)])));
}

export function recordHeartbeat(redis: RedisClient, keys: Keys, kind: HeartbeatKind, name: string, beat: Heartbeat = { at: Date.now() }): Promise<void> {
  return recordHeartbeats(redis, keys, [{ kind, name, beat }]);
}

export async function dropHeartbeats(redis: RedisClient, keys: Keys, kind: HeartbeatKind, names: readonly string[]): Promise<void> {
  if (names.length) await redis.hdel(keys.heartbeats(), ...names.map((n) => heartbeatField(kind, n)));
}

/** Every heartbeat, by kind then name; an unreadable entry is skipped. */
export async function readHeartbeats(redis: RedisClient, keys: Keys): Promise<Record<HeartbeatKind, Map<string, Heartbeat>>> {
  const out: Record<HeartbeatKind, Map<string, Heartbeat>> = { process: new Map(), role: new Map(), job: new Map() };
  for (const [field, json] of Object.entries(await redis.hgetall(keys.heartbeats()))) {
    const colon = field.indexOf(':');
    const kind = field.slice(0, colon) as HeartbeatKind;
    try {
      const beat = JSON.parse(json) as Heartbeat;
      if (out[kind] && Number.isFinite(beat.at)) out[kind].set(field.slice(colon + 1), beat);
    } catch {
      // a hand-edited or truncated value says nothing
    }
  }
  return out;
}
