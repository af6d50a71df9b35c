import type { Worker } from 'bullmq';
import { applySchedule, scheduledPulls, startPullWorker, unschedulePull, type PullJob, type PullQueue } from '../../../platform/queues';
import { listConnectors } from '../../../store/connectors.repo';
import { runPull, type PullContext } from './pull';

/**
 * The pull side of a worker process: puts every connector's job scheduler in step with its saved definition (a
 * connector saved while no worker ran gets its schedule here; one removed loses it), then takes pulls off the queue.
 * Any number of worker processes may do both: a scheduler makes one job per tick, and a connector's lock keeps its
 * pulls one at a time.
 */
export async function startPulls(ctx: PullContext, queue: PullQueue, concurrency: number): Promise<Worker<PullJob>> {
  const connectors = await listConnectors(ctx.redis, ctx.keys);
  const ids = new Set(connectors.map((c) => c.definition.id));
  for (const { definition: d } of connectors) await applySchedule(queue, d);
  for (const id of await scheduledPulls(queue)) if (!ids.has(id)) await unschedulePull(queue, id);
  const worker = startPullWorker((job, attempt, max) => runPull(ctx, job.connector, attempt, max), concurrency);
  worker.on('error', (err) => ctx.log.warn({ err: err.message }, 'pull worker error'));
  return worker;
}
