import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { renderMetrics, startProcessMetrics } from '../../platform/metrics';
import { guard, type GuardHandler } from '../auth/guard';
import type { ServerContext } from '../context';
import { HttpError } from '../http-errors';
import { readClusterFigures } from '../metrics/cluster-figures';

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * Who may scrape: a request with `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time, as hashes of one
 * length), else the admin check of every admin route (a session). A wrong or unexpected bearer is refused as such, not
 * passed on to the session check.
 */
function scrapeGuard(ctx: ServerContext): GuardHandler {
  const admin = guard(ctx, 'admin');
  const token = ctx.config.METRICS_TOKEN;
  const expected = token === undefined ? undefined : sha256(token);
  const handler = (req: Request, res: Response, next: NextFunction): void => {
    const auth = req.get('authorization');
    if (auth === undefined) {
      admin(req, res, next);
      return;
    }
    const bearer = /^Bearer (\S+)$/i.exec(auth)?.[1];
    if (expected === undefined) return next(new HttpError(401, 'metrics_token_unset', 'this server has no METRICS_TOKEN: scrape with an admin session'));
    if (bearer === undefined || !timingSafeEqual(sha256(bearer), expected)) {
      return next(new HttpError(401, 'invalid_token', 'Authorization must be "Bearer <METRICS_TOKEN>" with this server\'s token'));
    }
    next();
  };
  return Object.assign(handler, { permission: 'admin' as const });
}

/** GET /metrics: Prometheus text (docs/api.md, docs/operations.md). */
export function metricsRouter(ctx: ServerContext): Router {
  startProcessMetrics();
  const router = Router();
  router.get('/metrics', scrapeGuard(ctx), async (_req, res) => {
    const { contentType, body } = await renderMetrics(await readClusterFigures(ctx));
    res.set('Content-Type', contentType).set('Cache-Control', 'no-store').send(body);
  });
  return router;
}
