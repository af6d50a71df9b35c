import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { eventually } from '../support/ingest-client';
import { startTestRedis, startTestSentinels, type TestRedis } from '../support/private-redis';
import { ingestQueueState } from '../support/queue-state';
import { startStack, type Stack } from '../support/stack';
import { SteadyIngest, type SentBatch } from '../support/steady-ingest';

/**
 * Redis Sentinel (docs/redis.md): a primary, a replica and three sentinels of the test's own; a real server and
 * workers reach Redis only through REDIS_SENTINELS. Under steady ingest the primary is cut off from its replica for
 * a moment (the replica stalls, the link drops: what a slow network or a stalled host does), then SIGKILLed; the
 * sentinels promote the replica and ingest carries on. Batches acknowledged (202) in that moment were never
 * replicated: without WAIT they are lost with the primary, with REDIS_WAIT_REPLICAS=1 none are (they were refused
 * 503 instead, and the feed sent them again).
 */
const domain = loadDomain();
const COMMUNES = ['01', '79'].flatMap((p) => domain.registry.children(p, 'commune').slice(0, 40).map((u) => u.code));
const NAME = 'ioc-test';
/** How long the primary takes writes its replica never gets, before it dies. */
const CUT_OFF_MS = 700;

let nodes: TestRedis[] = [];
let sentinels: TestRedis[] = [];
let stack: Stack | undefined;
let feed: SteadyIngest | undefined;

const cli = (port: number, ...args: string[]) => spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8', timeout: 5_000 }).stdout.trim();

/** The node the sentinels name primary now (undefined while they disagree with each other). */
function primaryNow(): TestRedis | undefined {
  const ports = new Set(sentinels.map((s) => cli(s.port, 'sentinel', 'get-master-addr-by-name', NAME).split('\n')[1]));
  return ports.size === 1 ? nodes.find((n) => String(n.port) === [...ports][0]) : undefined;
}

/** Resolves once `primary` has a replica online and caught up, and every sentinel knows it and the other sentinels. */
async function replicated(primary: TestRedis): Promise<void> {
  await eventually(async () => (/slave0:.*state=online/.test(cli(primary.port, 'info', 'replication')) ? true : undefined), 30_000, 100);
  await eventually(
    async () =>
      sentinels.every((s) => cli(s.port, 'sentinel', 'replicas', NAME).includes('slave') && cli(s.port, 'sentinel', 'sentinels', NAME).split('\n').filter((l) => l === 'name').length === sentinels.length - 1)
        ? true
        : undefined,
    30_000,
    200,
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

interface Run {
  accepted: number;
  lost: SentBatch[];
  acceptedAfter: number;
  failoverMs: number;
  receiptsPerSec: number;
  receiptP50Ms: number;
}

/** One failover under steady ingest with these WAIT settings; counts acknowledged batches not applied after it. */
async function failoverRun(waitReplicas: number): Promise<Run> {
  const primary = primaryNow()!;
  const replica = nodes.find((n) => n !== primary)!;
  stack = await startStack({
    REDIS_SENTINELS: sentinels.map((s) => `127.0.0.1:${s.port}`).join(','),
    REDIS_SENTINEL_NAME: NAME,
    REDIS_WAIT_REPLICAS: String(waitReplicas),
    REDIS_WAIT_TIMEOUT_MS: '500',
  });
  const period = currentPeriod('day', Date.now());
  feed = new SteadyIngest({ url: stack.url, redis: stack.redis, keys: stack.keys, communes: COMMUNES, period, senders: 3, batchSize: 40, pauseMs: 10, retryMs: 200 });
  await feed.start();
  await feed.untilAccepted(30);

  // steady state: receipts per second and their latency (what WAIT costs), before anything fails
  const from = feed.accepted.length;
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, 3_000));
  const receiptsPerSec = ((feed.accepted.length - from) / (Date.now() - t0)) * 1000;
  const receiptP50Ms = median(feed.attempts.filter((a) => a.at >= t0 && a.status === 202).map((a) => a.ms));

  // the replica stalls and its link drops: the primary goes on taking (and acknowledging) writes it alone holds
  replica.pause();
  cli(primary.port, 'client', 'kill', 'type', 'replica');
  await new Promise((r) => setTimeout(r, CUT_OFF_MS));
  await primary.kill();
  replica.resume();
  const killedAt = Date.now();
  const atKill = feed.accepted.length;
  await eventually(async () => (primaryNow() === replica ? true : undefined), 30_000, 100);
  const failoverMs = Date.now() - killedAt;

  // ingest carries on on the new primary; the old one comes back, and the sentinels make it the new one's replica
  await primary.start();
  await feed.untilAccepted(atKill + 60);
  await feed.stop();
  const accepted = feed.accepted.length;
  const unexpected = feed.unexpected();
  expect(unexpected).toEqual([]);

  // every job left runs (a job active at the kill is found stalled and runs again): then count what is not applied
  await eventually(async () => {
    // the sentinels turning the old primary into a replica may close this client's connection under a read (seen on
    // a loaded machine): asked again at the next poll
    const q = await ingestQueueState(stack!.redis, stack!.prefix).catch(() => undefined);
    return q && q.waiting + q.active + q.delayed === 0 ? true : undefined;
  }, 45_000, 250);
  const applied = await Promise.all(feed.accepted.map((b) => stack!.redis.exists(stack!.keys.batch(b.source, b.batchId))));
  const lost = feed.accepted.filter((_, i) => !applied[i]);
  await replicated(replica);
  await stack.stop();
  stack = undefined;
  feed = undefined;
  return { accepted, lost, acceptedAfter: accepted - atKill, failoverMs, receiptsPerSec, receiptP50Ms };
}

beforeAll(async () => {
  const first = await startTestRedis();
  const second = await startTestRedis({ args: ['--replicaof', '127.0.0.1', String(first.port)] });
  nodes = [first, second];
  sentinels = await startTestSentinels(first.port, 3, { name: NAME, downAfterMs: 1000, failoverTimeoutMs: 2000 });
  await replicated(first);
}, 60_000);

afterAll(async () => {
  await feed?.stop();
  await stack?.stop().catch(() => undefined);
  for (const n of nodes) n.resume();
  await Promise.all([...sentinels, ...nodes].map((r) => r.dispose()));
});

describe('Redis Sentinel: a failover under steady ingest', () => {
  it('carries on after the primary dies; without WAIT it loses what was not replicated, with WAIT nothing', async () => {
    const plain = await failoverRun(0);
    // a sentinel fails the same primary name over again only after twice the failover timeout
    await new Promise((r) => setTimeout(r, 4_000));
    const waited = await failoverRun(1);

    const line = (label: string, r: Run) =>
      `${label}: ${r.accepted} batches acknowledged, ${r.lost.length} lost at the failover; ${r.acceptedAfter} acknowledged after it; ` +
      `promoted in ${r.failoverMs} ms; steady ${r.receiptsPerSec.toFixed(1)} receipts/s, receipt p50 ${r.receiptP50Ms} ms`;
    console.log(`[sentinel] ${line('no WAIT        ', plain)}`);
    console.log(`[sentinel] ${line('WAIT 1 replica ', waited)}`);
    console.log(`[sentinel] WAIT cost: receipts/s ×${(waited.receiptsPerSec / plain.receiptsPerSec).toFixed(2)}, receipt p50 ×${(waited.receiptP50Ms / plain.receiptP50Ms).toFixed(2)}`);

    // both carried on through the failover
    expect(plain.acceptedAfter).toBeGreaterThanOrEqual(60);
    expect(waited.acceptedAfter).toBeGreaterThanOrEqual(60);
    // the cut-off moment's acknowledged batches die with the primary unless the receipt waited for the replica
    expect(plain.lost.length).toBeGreaterThan(0);
    expect(waited.lost.map((b) => b.batchId)).toEqual([]);
  }, 150_000);
});
