import express, { Router } from 'express';
import { z } from 'zod';
import type { PriorityDatabaseRow, PriorityDatabasesAnswer } from '../../core/contract/boards';
import { MILESTONES, PRIORITY_DATABASES } from '../../core/priority-databases/catalog';
import { databaseProgress } from '../../core/priority-databases/status';
import { periodStartMs } from '../../core/time/period';
import { readDatabaseReports, writeDatabaseReport } from '../../store/priority-databases.repo';
import { guard } from '../auth/guard';
import type { ServerContext } from '../context';
import { HttpError } from '../http-errors';
import { bearerSource } from './bearer-source';

const date = z.string().refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && periodStartMs(d) !== undefined, 'a date YYYY-MM-DD');
const report = z.object({
  milestones: z
    .array(z.object({ id: z.enum(MILESTONES.map((m) => m.id) as [string, ...string[]]), planned: date, actual: date.nullable() }))
    .length(MILESTONES.length)
    .refine((ms) => new Set(ms.map((m) => m.id)).size === MILESTONES.length, 'each of the five milestones exactly once'),
});

/**
 * The 11 priority databases of Resolution 214: GET for the board; PUT /:id for the owning ministry's feed (a source
 * token whose units include the owner), with the five milestones' planned and actual dates.
 */
export function priorityDatabasesRouter(ctx: ServerContext): Router {
  const router = Router();
  router.get('/api/v1/priority-databases', guard(ctx, 'read'), async (_req, res) => {
    const now = Date.now();
    const reports = await readDatabaseReports(ctx.redis, ctx.keys);
    const databases: PriorityDatabaseRow[] = PRIORITY_DATABASES.map((db) => {
      const r = reports.get(db.id);
      return {
        ...db,
        ownerName: ctx.domain.registry.get(db.owner)?.fullName ?? null,
        milestones: r?.milestones ?? [],
        reportedAt: r?.reportedAt ?? null,
        source: r?.source ?? null,
        progress: r ? databaseProgress(r.milestones, now) : null,
      };
    });
    const answer: PriorityDatabasesAnswer = {
      serverTime: now,
      total: databases.length,
      done: databases.filter((d) => d.progress?.state === 'done').length,
      late: databases.filter((d) => d.progress?.state === 'late').length,
      connectedToNdc: databases.filter((d) => d.progress?.connectedToNdc).length,
      databases,
    };
    res.json(answer);
  });

  router.put('/api/v1/priority-databases/:id', express.json({ limit: '16kb' }), guard(ctx, 'public'), async (req, res) => {
    const source = await bearerSource(req, ctx.redis, ctx.keys);
    const db = PRIORITY_DATABASES.find((d) => d.id === req.params.id);
    if (!db) throw new HttpError(404, 'not_found', `unknown priority database '${req.params.id}'`);
    if (!source.units.some((u) => ctx.domain.registry.isWithin(db.owner, u))) {
      throw new HttpError(403, 'forbidden', `source '${source.id}' may not report for ${db.owner}, the owner of ${db.id}`);
    }
    const parsed = report.safeParse(req.body);
    if (!parsed.success) {
      throw new HttpError(400, 'bad_request', 'send { milestones: [{ id, planned, actual }] } for the five milestones',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    }
    const future = parsed.data.milestones.find((m) => m.actual && periodStartMs(m.actual)! > Date.now());
    if (future) throw new HttpError(400, 'bad_request', `milestone ${future.id}: actual date ${future.actual} is in the future`);
    await writeDatabaseReport(ctx.redis, ctx.keys, db.id, { milestones: parsed.data.milestones, reportedAt: Date.now(), source: source.id });
    res.json({ ok: true, id: db.id, progress: databaseProgress(parsed.data.milestones, Date.now()) });
  });
  return router;
}
