import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { createLink } from '../../store/links.repo';
import { eventually, newSource, postBatch } from '../support/ingest-client';
import { startStack, type Stack } from '../support/stack';

/**
 * An outbox past its size (OUTBOX_MAXLEN=5 entries here) while the upper side is away: the lower side says so
 * (lagging once the link is back, overflow counted) and, when the backlog it kept is out, sends a snapshot of its
 * current values — so the upper side ends equal, with the latest figures, never with a silent hole.
 */
const domain = loadDomain();
let national: Stack;
let province: Stack;
const communes = domain.registry.children('48', 'commune').map((u) => u.code);
const day = () => currentPeriod('day', Date.now());

beforeAll(async () => {
  national = await startStack({ LINK_DOWN_MS: '5000' });
  const { token } = await createLink(national.redis, national.keys, { name: 'IOC Đà Nẵng', scope: '48' });
  province = await startStack({ UPSTREAM_URL: national.url, UPSTREAM_TOKEN: token, OUTBOX_MAXLEN: '5', LINK_DOWN_MS: '5000' });
});
afterAll(async () => {
  await province?.stop();
  await national?.stop();
});

const health = async () => (await (await fetch(`${province.url}/api/v1/health`)).json()) as { upstream: { state: string; backlog: number } };

describe('federation: the outbox overflows while the upper side is away', () => {
  it('keeps what it can, counts the overflow, and sends a snapshot of current values when the link returns', async () => {
    await eventually(async () => ((await health()).upstream.state === 'connected' ? true : undefined), 20_000);
    await national.stopServer();
    const t = await newSource(province.redis, province.keys, 'feed-48', ['48']);
    // 20 batches, each a new figure for 25 communes (5 entries fit the outbox; the rest overflow)
    for (let b = 0; b < 20; b++) {
      const observedAt = new Date().toISOString();
      const observations = Array.from({ length: 25 }, (_, i) => communes[(b * 5 + i) % communes.length]!).map((unit, i) => ({ indicator: 'dossier_received_count', unit, period: day(), value: 100 * b + i, observedAt }));
      expect((await postBatch(province.url, t, { batchId: `o-${b}`, observations })).body.accepted).toBe(observations.length);
      await new Promise((r) => setTimeout(r, 15));
    }
    await eventually(async () => (Number(await province.redis.hget(province.keys.outboxState(), 'overflows')) > 0 ? true : undefined), 10_000);
    expect(await province.redis.xlen(province.keys.outbox())).toBeLessThanOrEqual(5);
    await national.startServer();
    await eventually(async () => {
      const s = await province.redis.hgetall(province.keys.outboxState());
      return Number(s.snapshotted ?? 0) >= Number(s.overflows) && (await province.redis.xlen(province.keys.outbox())) === 0 ? true : undefined;
    }, 30_000);
    const below = await province.redis.hgetall(province.keys.latest('dossier_received_count', '48', day()));
    const above = await national.redis.hgetall(national.keys.latest('dossier_received_count', '48', day()));
    expect(Object.keys(below).length).toBe(Math.min(communes.length, 19 * 5 + 25));
    for (const [unit, enc] of Object.entries(below)) expect(above[unit]?.split('|').slice(0, 3), unit).toEqual(enc.split('|').slice(0, 3));
    const p48 = (await national.redis.hget(national.keys.latest('dossier_received_count', 'VN', day()), '48'))!.split('|');
    const own = (await province.redis.hget(province.keys.latest('dossier_received_count', 'VN', day()), '48'))!.split('|');
    expect([p48[0], p48[4]]).toEqual([own[0], own[4]]);
    await eventually(async () => ((await health()).upstream.state === 'connected' ? true : undefined), 15_000);
  }, 120_000);
});
