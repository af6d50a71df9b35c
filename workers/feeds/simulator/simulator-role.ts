import type { RedisClient } from '../../../platform/redis';
import type { Logger } from 'pino';
import type { Domain } from '../../../platform/domain';
import type { Keys } from '../../../store/keys';
import { createSource } from '../../../store/sources.repo';
import { aborted, Leadership } from '../../leader';
import type { BackfillHooks } from './backfill';
import { simulatedSources, Simulator, type SimulatorOptions } from './simulator';

/** A crashed simulator's worker is replaced within TTL + retry (the other workers keep trying). */
const SIMULATOR_TTL_MS = 15_000;
const SIMULATOR_RETRY_MS = 2_000;

export interface SimulatorRoleOptions extends Omit<SimulatorOptions, 'tokens' | 'backfill'> {
  redis: RedisClient;
  keys: Keys;
  backfill?: BackfillHooks;
}

/**
 * The simulator, in one worker process of all those on one Redis (SIMULATOR=on in each): the process that holds the
 * simulator's lease gives its sources fresh tokens (stored hashed, so they cannot be handed over) and plays; the
 * others wait. A new leader — after a crash, or a shutdown that let the lease go — gives the sources new tokens in
 * turn: the old leader's tokens stop working, and only the leader posts, so nobody is left with a refused token.
 */
export function simulatorRole(o: SimulatorRoleOptions): Leadership {
  return new Leadership({ redis: o.redis, key: o.keys.simulatorLeader(), ttlMs: SIMULATOR_TTL_MS, retryMs: SIMULATOR_RETRY_MS, role: 'simulator', log: o.log }, async (lost) => {
    const tokens = await simulatorTokens(o.redis, o.keys, o.domain, o.scope);
    if (lost.aborted) return;
    const simulator = new Simulator({ ...o, tokens });
    const playing = simulator.start();
    await aborted(lost);
    simulator.stop();
    await playing.catch((err: Error) => o.log.warn({ err: err.message }, 'simulator stopped with an error'));
  });
}

/** Fresh tokens for every simulated source (created, or their token replaced), by Pair.source key. */
async function simulatorTokens(redis: RedisClient, keys: Keys, domain: Domain, scope = 'VN'): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const s of simulatedSources(domain, scope)) {
    const { key, ...input } = s;
    tokens.set(key, (await createSource(redis, keys, { ...input, indicators: '*' })).token);
  }
  return tokens;
}
