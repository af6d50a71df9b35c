import type { NextFunction, Request, Response } from 'express';
import type { openInspectionQueues } from '../../../platform/queues';
import { audit } from '../../auth/audit';
import type { ServerContext } from '../../context';
import { HttpError } from '../../http-errors';

type InspectionQueues = ReturnType<typeof openInspectionQueues>;

/** A change asked of the dashboard's API: bull-board's own routes (PUT), by the path under the mount. */
export type DashboardAction =
  | { kind: 'retry'; queue: string; job: string }
  | { kind: 'retry_all'; queue: string; status: string }
  | { kind: 'other' };

const RETRY_ALL = /^\/api\/queues\/([^/]+)\/retry\/([^/]+)\/?$/;
const RETRY_JOB = /^\/api\/queues\/([^/]+)\/([^/]+)\/retry\/?$/;

/** What a request to the dashboard changes, or undefined for a read. Matched in bull-board's own route order. */
export function dashboardAction(method: string, path: string): DashboardAction | undefined {
  if (method === 'GET' || method === 'HEAD') return undefined;
  const all = method === 'PUT' ? RETRY_ALL.exec(path) : null;
  if (all) return { kind: 'retry_all', queue: decodeURIComponent(all[1]!), status: decodeURIComponent(all[2]!) };
  const one = method === 'PUT' ? RETRY_JOB.exec(path) : null;
  if (one) return { kind: 'retry', queue: decodeURIComponent(one[1]!), job: decodeURIComponent(one[2]!) };
  return { kind: 'other' };
}

/**
 * The dashboard changes only one thing: it retries failed jobs (one, or all of a queue), and each retry is audited
 * (who, when, which queue and job, the reason it had failed) before bull-board's answer is sent. Every other change
 * bull-board offers (clean, empty, obliterate, pause, add, edit a job) is refused: 403 `queue_action_not_allowed`.
 */
export function dashboardActions(ctx: ServerContext, queues: () => InspectionQueues) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const action = dashboardAction(req.method, req.path);
    if (!action) return next();
    if (action.kind === 'other') throw new HttpError(403, 'queue_action_not_allowed', 'the queue dashboard only retries failed jobs');
    const queue = queues().find((q) => q.name === action.queue)?.queue;
    if (!queue) throw new HttpError(404, 'not_found', `no queue '${action.queue}'`);
    let entry: { action: string; target: string; detail: Record<string, unknown> };
    if (action.kind === 'retry') {
      const job = await queue.getJob(action.job);
      if (!job) throw new HttpError(404, 'not_found', `no job '${action.job}' in queue '${action.queue}'`);
      const state = await job.getState();
      if (state !== 'failed') throw new HttpError(409, 'job_not_failed', `job '${action.job}' is ${state}: only a failed job is retried`);
      entry = {
        action: 'queue.retry',
        target: `${action.queue}/${action.job}`,
        detail: { queue: action.queue, job: action.job, name: job.name, failedReason: job.failedReason, attemptsMade: job.attemptsMade },
      };
    } else {
      if (action.status !== 'failed') throw new HttpError(409, 'job_not_failed', 'only failed jobs are retried');
      entry = { action: 'queue.retry-all', target: action.queue, detail: { queue: action.queue, status: action.status } };
    }
    // written before bull-board's answer leaves: an answered retry is always in the audit log
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      if (res.statusCode >= 300) return json(body);
      const counts = action.kind === 'retry_all' && typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      audit(ctx, req, entry.action, entry.target, { ...entry.detail, ...counts }).then(
        () => json(body),
        (err: unknown) => next(err),
      );
      return res;
    };
    next();
  };
}
