import { Router } from 'express';
import { readAudit } from '../../../store/audit.repo';
import { guard } from '../../auth/guard';
import type { ServerContext } from '../../context';

/** GET /api/v1/audit?before=<id>: the audit log, newest first, 200 at a time. */
export function auditRouter(ctx: ServerContext): Router {
  const router = Router();
  router.get('/api/v1/audit', guard(ctx, 'admin'), async (req, res) => {
    const before = typeof req.query.before === 'string' && /^\d+-\d+$/.test(req.query.before) ? `(${req.query.before}` : '+';
    res.json({ entries: await readAudit(ctx.redis, ctx.keys, 200, before) });
  });
  return router;
}
