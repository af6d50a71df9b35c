import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDomain } from '../../platform/domain';
import type { Keys } from '../../store/keys';
import { createLink } from '../../store/links.repo';
import { eventually } from '../support/ingest-client';
import { startStack, type Stack } from '../support/stack';

/**
 * Three levels: a commune's IOC (its simulator playing only the commune) → the province's (48) → the nation's. What
 * the commune reports reaches the nation through the province, with its origin chain, the province's and the nation's
 * rollups their own, and nothing loops back.
 */
const domain = loadDomain();
const commune = domain.registry.children('48', 'commune')[0]!.code;
let national: Stack;
let province: Stack;
let communeIoc: Stack;

/** The commune's figures as one instance holds them: key → num|den|observedAt. */
async function communeFigures(stack: Stack, k: Keys): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor = '0';
  do {
    const [next, found] = await stack.redis.scan(cursor, 'MATCH', `${k.prefix}latest:*:48:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of found) {
      const enc = await stack.redis.hget(key, commune);
      if (enc) out.set(key.slice(k.prefix.length), enc.split('|').slice(0, 3).join('|'));
    }
  } while (cursor !== '0');
  return out;
}

beforeAll(async () => {
  national = await startStack({ LINK_DOWN_MS: '5000' });
  const up = await createLink(national.redis, national.keys, { name: 'IOC Đà Nẵng', scope: '48' });
  province = await startStack({ UPSTREAM_URL: national.url, UPSTREAM_TOKEN: up.token, LINK_DOWN_MS: '5000' });
  const down = await createLink(province.redis, province.keys, { name: `IOC ${commune}`, scope: commune });
  // the commune's figures keep changing: at 4 a second each of its 32 changes every 8 s, so that the three levels
  // agree for seconds at a time even when two forwarding hops lag on a loaded machine (at 20 they often never did)
  communeIoc = await startStack({ UPSTREAM_URL: province.url, UPSTREAM_TOKEN: down.token, SIMULATOR: 'on', SIMULATOR_SCOPE: commune, SIMULATOR_RATE: '4' });
});
afterAll(async () => {
  await communeIoc?.stop();
  await province?.stop();
  await national?.stop();
});

describe('federation: commune → province → nation', () => {
  it('converges on all three levels, with the origin chain, and nothing comes back down', async () => {
    let last = '';
    await eventually(async () => {
      const [c, p, n] = await Promise.all([communeFigures(communeIoc, communeIoc.keys), communeFigures(province, province.keys), communeFigures(national, national.keys)]);
      const same = c.size > 5 && [...c].every(([k, v]) => p.get(k) === v && n.get(k) === v) && p.size === c.size && n.size === c.size;
      last = `${c.size}/${p.size}/${n.size}`;
      return same ? true : undefined;
    }, 60_000, 500).catch(() => {
      throw new Error(`not converged: commune/province/nation figures ${last}`);
    });
    // the nation's copy names every hop: the province's link, the province instance, the commune's link, the commune instance
    const [key] = [...(await communeFigures(national, national.keys)).keys()];
    const enc = await national.redis.hget(`${national.keys.prefix}${key}`, commune);
    expect(enc!.split('|')[3]).toMatch(/^link-ioc-da-nang\/[0-9a-f]{8}:link-ioc-\d{5}\/[0-9a-f]{8}:sim-48$/);
    // the province's own rollup of 48 is the province's, and forwarded up as nothing: the nation rolls up its own
    expect(await communeIoc.redis.exists(communeIoc.keys.upstream())).toBe(1);
    expect(await national.redis.exists(national.keys.outbox())).toBe(0);
    expect(await national.redis.exists(national.keys.upstream())).toBe(0);
  }, 120_000);
});
