import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthAnswer } from '../../core/contract/health';
import { eventually } from '../support/ingest-client';
import { startStack, type Stack } from '../support/stack';

/** The workers' heartbeats in /api/v1/health: killed, health says so and since when; started again, it recovers. */
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ HEARTBEAT_MS: '500' });
});
afterAll(async () => stack?.stop());

const health = async (): Promise<HealthAnswer & { status: string }> => {
  const res = await fetch(`${stack.url}/api/v1/health`);
  expect(res.status).toBe(200);
  return (await res.json()) as HealthAnswer;
};

describe('liveness in /api/v1/health', () => {
  it('goes degraded naming the workers and since when after a kill -9, and ok again once they run', async () => {
    const ok = await eventually(async () => {
      const h = await health();
      return h.status === 'ok' && h.liveness?.workers.alive === 1 && h.liveness.roles.every((r) => r.alive) ? h : undefined;
    }, 60_000, 250);
    expect(ok.missing).toEqual([]);
    expect(ok.liveness!.roles.map((r) => r.name)).toEqual(['alert-evaluator']);
    expect(ok.liveness!.jobs.map((j) => j.name)).toEqual(['period-pruner']);

    const lastBeat = Math.max(...ok.liveness!.workers.processes.map((p) => p.lastAt));
    await stack.killWorkers();
    const killedAt = Date.now();
    const degraded = await eventually(async () => {
      const h = await health();
      return h.status === 'degraded' ? h : undefined;
    }, 15_000, 200);
    const workers = degraded.missing!.find((m) => m.name === 'workers');
    expect(workers).toMatchObject({ kind: 'workers' });
    expect(degraded.missing![0]!.name).toBe('workers');
    expect(workers!.since).toBeGreaterThanOrEqual(lastBeat);
    expect(workers!.since).toBeLessThanOrEqual(killedAt);
    // named once silent for 3 beats (1.5 s), not before
    expect(Date.now() - workers!.since).toBeGreaterThan(1_500);
    expect(degraded.liveness!.workers.alive).toBe(0);
    // the alert evaluator's lease went with them
    expect(degraded.missing!.map((m) => m.name)).toContain('alert-evaluator');

    stack.startWorkers();
    const back = await eventually(async () => {
      const h = await health();
      return h.status === 'ok' ? h : undefined;
    }, 120_000, 250);
    expect(back.missing).toEqual([]);
    // the killed process stays listed (not alive), the new one beats
    expect(back.liveness!.workers.processes).toHaveLength(2);
    expect(back.liveness!.workers.alive).toBe(1);
  }, 240_000);
});
