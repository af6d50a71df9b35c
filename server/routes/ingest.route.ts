import express, { Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { guard } from '../auth/guard';
import { batchEnvelope, MAX_BATCH_BYTES, type IngestReceipt, type Observation, type RejectedItem } from '../../core/contract/observation';
import { validateObservation, type ValidationContext } from '../../core/contract/validate-observation';
import { enqueueBatch } from '../../platform/queues';
import { olderThanStored } from '../../store/apply-batch';
import { recordReportOf } from './links.routes';
import { recordFeedBatch } from '../../store/feeds.repo';
import type { ServerContext } from '../context';
import { HttpError } from '../http-errors';
import { bearerSource } from './bearer-source';

/**
 * POST /api/v1/observations (machines, with a source token: 'public' for the user guard, the token is its check):
 * validate every item, refuse those older than the stored figure (late never beats newer), queue the accepted ones,
 * answer 202 with every rejected item's index, code and reason — also when every item is rejected, outside the
 * token's scope or not. Nothing of a rejected item is written.
 */
export function ingestRouter(ctx: ServerContext): Router {
  const router = Router();
  // per token (or address, before a token is known): 1,200 batches a minute is 100,000 observations a second
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: 1200,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => req.get('authorization') ?? ipKeyGenerator(req.ip ?? ''),
    handler: (_req, res) => {
      res.status(429).json({ error: { code: 'rate_limited', message: 'over 1,200 batches a minute for this token; batch more observations per request' } });
    },
  });
  router.post('/api/v1/observations', limiter, express.json({ limit: MAX_BATCH_BYTES, strict: true }), guard(ctx, 'public'), async (req, res) => {
    const source = await bearerSource(req, ctx.redis, ctx.keys);
    const envelope = batchEnvelope.safeParse(req.body);
    if (!envelope.success) {
      const issues = envelope.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
      throw new HttpError(400, 'bad_request', 'the body must be { batchId, observations: [1..5000 items] }', issues);
    }
    const { batchId, observations } = envelope.data;
    if (await ctx.redis.exists(ctx.keys.batch(source.id, batchId))) {
      const receipt: IngestReceipt = { batchId, accepted: 0, rejected: [], status: 'duplicate' };
      res.status(202).json(receipt);
      return;
    }

    const vctx: ValidationContext = {
      indicator: ctx.domain.indicator,
      unit: (code) => ctx.domain.registry.get(code),
      isWithin: (code, scope) => ctx.domain.registry.isWithin(code, scope),
      scope: source,
      nowMs: Date.now(),
      // a federation link forwards the figures of the IOC below it, with their origins
      ...(source.kind === 'link' ? { forwarded: { instance: ctx.instance } } : {}),
    };
    if (source.kind === 'link') await recordReportOf(ctx, source.id, req.body);
    const seen = new Map<string, number>();
    const accepted: Observation[] = [];
    const rejected: RejectedItem[] = [];
    const acceptedIndex: number[] = [];
    observations.forEach((item, index) => {
      const r = validateObservation(item, index, vctx, seen);
      if ('ok' in r) {
        accepted.push(r.observation);
        acceptedIndex.push(index);
      } else rejected.push(r);
    });
    if (accepted.length > 0) {
      const older = await olderThanStored(ctx.redis, ctx.keys, ctx.domain.registry, accepted);
      if (older.size > 0) {
        for (const i of older) {
          rejected.push({ index: acceptedIndex[i]!, code: 'older_than_stored', reason: 'a figure observed later is already stored for this indicator, unit and period' });
        }
        rejected.sort((a, b) => a.index - b.index);
        const kept = accepted.filter((_, i) => !older.has(i));
        accepted.length = 0;
        accepted.push(...kept);
      }
    }

    await recordFeedBatch(ctx.redis, ctx.keys, source.id, {
      batchId,
      accepted: accepted.length,
      rejected: rejected.length,
      firstError: rejected[0] ? `#${rejected[0].index}: ${rejected[0].reason}` : undefined,
    });
    if (accepted.length > 0) {
      await enqueueBatch(ctx.queue, { source: source.id, batchId, receivedAt: Date.now(), observations: accepted });
    }
    const receipt: IngestReceipt = { batchId, accepted: accepted.length, rejected, status: accepted.length ? 'queued' : 'empty' };
    res.status(202).json(receipt);
  });
  return router;
}
