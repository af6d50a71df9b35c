import { Router, type NextFunction, type Request, type Response } from 'express';
import { NATION } from '../../../core/units/registry';
import { openInspectionQueues } from '../../../platform/queues';
import { guard } from '../../auth/guard';
import type { ServerContext } from '../../context';
import { bullBoard } from './board';
import { dashboardActions } from './dashboard-actions';
import { dashboardPageMiddleware } from './dashboard-page';

/** Where the queue dashboard is served (docs/operations.md "Queue dashboard"). */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** bull-board's HTTP client sends the CSRF token as X-XSRF-TOKEN: the guard reads it as the app's X-CSRF-Token. */
function xsrfHeader(req: Request, _res: Response, next: NextFunction): void {
  const xsrf = req.get('x-xsrf-token');
  if (xsrf && !req.get('x-csrf-token')) req.headers['x-csrf-token'] = xsrf;
  next();
}

/**
 * The queue dashboard (bull-board) for the national admins: every queue of the instance with its job counts and its
 * failed jobs with their reasons; a failed job may be retried, audited. Jobs carry every scope's figures, so an
 * admin of a province or commune is refused (403) as any non-admin is; anonymous gets 401. The queues are opened on
 * the first request, so an app made for its route table opens no connection.
 */
export function queueDashboard(ctx: ServerContext): Router {
  let queues: ReturnType<typeof openInspectionQueues> | undefined;
  let board: ReturnType<typeof bullBoard> | undefined;
  const opened = () => {
    if (!queues) {
      queues = openInspectionQueues();
      // a lost connection is logged once by platform/redis.ts
      for (const { queue } of queues) queue.on('error', () => undefined);
    }
    return queues;
  };
  const router = Router();
  router.use(xsrfHeader, guard(ctx, 'admin', () => NATION), dashboardActions(ctx, opened), dashboardPageMiddleware(QUEUE_DASHBOARD_PATH));
  router.use((req, res, next) => {
    board ??= bullBoard(opened(), QUEUE_DASHBOARD_PATH);
    board(req, res, next);
  });
  return router;
}
