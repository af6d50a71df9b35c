import express, { Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { guard } from '../auth/guard';
import { batchEnvelope, MAX_BATCH_BYTES, type IngestReceipt, type Observation, type RejectedItem } from '../../core/contract/observation';
import { validateObservation, type ValidationContext } from '../../core/contract/validate-observation';
import { enqueueBatch } from '../../platform/queues';
import { recordFeedBatch } from '../../store/feeds.repo';
import type { ServerContext } from '../context';
import { HttpError } from '../http-errors';
import { bearerSource } from './bearer-source';

const SCOPE_REASON = /outside this source's scope/;

/**
 * POST /api/v1/observations (machines, with a source token: 'public' for the user guard, the token is its check):
 * validate every item, queue the accepted ones, answer 202 with every rejected item's
 * index and reason. Nothing of a rejected item is written.
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
    };
    const seen = new Map<string, number>();
    const accepted: Observation[] = [];
    const rejected: RejectedItem[] = [];
    observations.forEach((item, index) => {
      const r = validateObservation(item, index, vctx, seen);
      if ('ok' in r) accepted.push(r.observation);
      else rejected.push(r);
    });

    await recordFeedBatch(ctx.redis, ctx.keys, source.id, {
      batchId,
      accepted: accepted.length,
      rejected: rejected.length,
      firstError: rejected[0] ? `#${rejected[0].index}: ${rejected[0].reason}` : undefined,
    });
    if (accepted.length === 0 && rejected.every((r) => SCOPE_REASON.test(r.reason))) {
      throw new HttpError(403, 'forbidden', `every observation is outside the scope of source '${source.id}'`, undefined, {
        rejected,
      });
    }
    if (accepted.length > 0) {
      await enqueueBatch(ctx.queue, { source: source.id, batchId, receivedAt: Date.now(), observations: accepted });
    }
    const receipt: IngestReceipt = { batchId, accepted: accepted.length, rejected, status: accepted.length ? 'queued' : 'empty' };
    res.status(202).json(receipt);
  });
  return router;
}
