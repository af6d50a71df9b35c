import { Router } from 'express';
import { scopeOf } from '../../../core/access/principal';
import { NATION } from '../../../core/units/registry';
import { readAudit, readAuditWhere } from '../../../store/audit.repo';
import { auditVisibleTo } from '../../auth/audit';
import { guard } from '../../auth/guard';
import type { ServerContext } from '../../context';
import { badRequest } from '../../http-errors';
import { isStreamId } from '../../stream-id';

const PAGE = 200;

/**
 * GET /api/v1/audit?before=<id>: the audit log, newest first, 200 at a time. An admin of a province or commune reads
 * only the entries of their scope (server/auth/audit.ts says which); `before` is the id of the last entry already read.
 */
export function auditRouter(ctx: ServerContext): Router {
  const router = Router();
  router.get('/api/v1/audit', guard(ctx, 'admin'), async (req, res) => {
    const q = req.query.before;
    if (q !== undefined && (typeof q !== 'string' || !isStreamId(q))) throw badRequest('invalid query', ['before: an audit entry id <ms>-<seq>']);
    const before = q === undefined ? '+' : `(${q}`;
    const keep = auditVisibleTo(ctx, scopeOf(req.principal) ?? NATION);
    const entries = keep ? await readAuditWhere(ctx.redis, ctx.keys, keep, PAGE, before) : await readAudit(ctx.redis, ctx.keys, PAGE, before);
    res.json({ entries });
  });
  return router;
}
